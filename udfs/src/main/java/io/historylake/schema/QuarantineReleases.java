package io.historylake.schema;

import java.io.Serializable;
import java.util.Set;

/**
 * Where the job learns that someone accepted a quarantined table's schema change ({@code
 * history-lake quarantine release}), so that its rows go to the lake again. Read periodically off
 * the task thread.
 */
public interface QuarantineReleases extends Serializable {

    /** No release ever: a quarantined table stays quarantined. */
    QuarantineReleases NONE = Set::of;

    /** Every schema version released so far. */
    Set<ReleasedVersion> released() throws Exception;
}
