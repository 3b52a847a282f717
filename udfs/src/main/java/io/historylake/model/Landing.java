package io.historylake.model;

import java.io.Serializable;

/**
 * How the enrichment step lands a table's rows: the schema version in force, where its rows go, and
 * whether the job has seen every row the table holds. One value per table and change of these
 * facts, shared by the table's rows.
 *
 * @param schemaVersion the table's schema version, 1, 2, 3...
 * @param destination the lake, or the quarantine while the version's schema change awaits release
 * @param tableSeenWhole whether every row the table holds came through this job, as a snapshot read
 *     or as an insert after the table's {@code CREATE TABLE}: a key of such a table that the
 *     row-history step keeps no version for was read or inserted once and not changed since
 */
public record Landing(int schemaVersion, Destination destination, boolean tableSeenWhole)
        implements Serializable {

    /** Where a row goes. */
    public enum Destination {
        LAKE,
        /** {@code <lake>/_quarantine/}: the table's schema change violated the rules. */
        QUARANTINE
    }

    public Landing {
        if (schemaVersion < 1 || destination == null) {
            throw new IllegalArgumentException(
                    "A landing needs a schema version >= 1 and a destination");
        }
    }

    /** The landing of a version's rows: to the quarantine or the lake. */
    public static Landing of(int schemaVersion, boolean quarantined, boolean tableSeenWhole) {
        return new Landing(
                schemaVersion,
                quarantined ? Destination.QUARANTINE : Destination.LAKE,
                tableSeenWhole);
    }
}
