package io.historylake.job;

import io.historylake.model.CdcEvent;
import io.historylake.model.RowChange;
import io.historylake.schema.QuarantineReleases;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the pipeline lands things: the lake's rows, the quarantine's rows, each table's schema
 * versions, and how the job learns that a quarantined table was released.
 */
public record LakeSinks(
        Sink<RowChange> lake,
        Sink<RowChange> quarantine,
        Sink<CdcEvent> schemas,
        QuarantineReleases releases) {}
