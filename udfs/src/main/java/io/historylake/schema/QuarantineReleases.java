package io.historylake.schema;

import io.historylake.model.TableId;
import java.io.Serializable;

/**
 * Tells the enrichment step that someone accepted a quarantined table's schema change ({@code
 * history-lake quarantine release}), so that its rows go to the lake again.
 */
public interface QuarantineReleases extends Serializable {

    /** No release ever: a quarantined table stays quarantined. */
    QuarantineReleases NONE = (table, version) -> false;

    /** Whether the quarantined schema version of the table has been released. */
    boolean released(TableId table, int version) throws Exception;
}
