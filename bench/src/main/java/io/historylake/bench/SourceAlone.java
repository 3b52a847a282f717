package io.historylake.bench;

import io.historylake.job.HistoryLakeMain;
import io.historylake.job.JobEnvironment;
import io.historylake.job.config.ConfigLoader;
import io.historylake.model.CdcEvent;
import io.historylake.serde.CdcTypeInfo;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The job's capture source alone, into a discarding sink: what the connector (Debezium's decoding,
 * Flink CDC's reader and the conversion into {@code CdcEvent}s) delivers on this machine, with the
 * job's options, environment and bounded end. Run by the benchmark in its own JVM, like the job.
 */
public final class SourceAlone {

    private SourceAlone() {}

    public static void main(String[] args) throws Exception {
        Configuration options = ConfigLoader.load(args, System.getenv());
        StreamExecutionEnvironment env = JobEnvironment.create(options);
        capture(env, options).sinkTo(new DiscardingSink<CdcEvent>()).name("Discard");
        env.execute("history-lake source alone");
    }

    /** The job's capture source, as the job builds it from the options. */
    static DataStream<CdcEvent> capture(StreamExecutionEnvironment env, Configuration options)
            throws Exception {
        return env.fromSource(
                        HistoryLakeMain.capture(options).source(),
                        WatermarkStrategy.noWatermarks(),
                        "MySQL CDC",
                        CdcTypeInfo.EVENTS)
                .uid("mysql-cdc-source");
    }
}
