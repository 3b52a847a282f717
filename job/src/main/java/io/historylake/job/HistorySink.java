package io.historylake.job;

import io.historylake.model.CdcEvent;
import io.historylake.model.RowChange;
import io.historylake.schema.LakeSchemaHistory;
import io.historylake.schema.QuarantineReleases;
import java.io.Serializable;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Where the history goes: one implementation per destination (the Parquet lake is {@link
 * io.historylake.job.sink.LakeSink}), attached to the pipeline's two outputs, so that a new
 * destination is a new implementation and not a change of {@link HistoryLakeJob}.
 */
public interface HistorySink extends Serializable {

    /**
     * Adds this destination's operators, each with a fixed uid.
     *
     * @param rows every enriched row, versioned and attributed, in per-row order; those of a
     *     quarantined schema version carry {@link RowChange#quarantined()}
     * @param schemaEvents each table's schema versions as they are numbered, and its DDL statements
     */
    void attach(DataStream<RowChange> rows, DataStream<CdcEvent> schemaEvents);

    /** The schema versions the destination already holds for a table (a new snapshot). */
    default LakeSchemaHistory schemaHistory() {
        return LakeSchemaHistory.NONE;
    }

    /** Where the job learns that a quarantined schema version was released. */
    default QuarantineReleases releases() {
        return QuarantineReleases.NONE;
    }
}
