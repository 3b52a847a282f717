package io.historylake.bench;

import io.historylake.job.JobEnvironment;
import io.historylake.job.config.ConfigLoader;
import io.historylake.job.config.HistoryLakeOptions;
import io.historylake.job.sink.LakePaths;
import io.historylake.job.sink.LakeSink;
import io.historylake.model.CdcEvent;
import io.historylake.model.Landing;
import io.historylake.model.RowChange;
import io.historylake.model.RowHistory;
import io.historylake.serde.CdcTypeInfo;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The floor of this stack: the job's capture source straight into the lake's Parquet {@code
 * FileSink}, rows as the source delivers them, without history-lake's masking, schema guard, event
 * ids, row versions, attribution or state. What any pipeline that lands these rows as Parquet with
 * Flink CDC and a {@code FileSink} pays on this machine. Run by the benchmark in its own JVM.
 */
public final class SourceToParquet {

    private SourceToParquet() {}

    public static void main(String[] args) throws Exception {
        Configuration options = ConfigLoader.load(args, System.getenv());
        StreamExecutionEnvironment env = JobEnvironment.create(options);
        Path lake = LakePaths.checkWritable(options.get(HistoryLakeOptions.LAKE_PATH));
        SourceAlone.capture(env, options)
                .process(new AsCaptured(), CdcTypeInfo.ROWS)
                .name("Rows as captured")
                .sinkTo(LakeSink.builder().lake(lake).options(options).build().parquet(lake))
                .name("Parquet lake");
        env.execute("history-lake source to Parquet");
    }

    /**
     * Passes the captured rows on as schema version 1, with the columns the source does not fill
     * (event id, version, changed columns, attribution) empty, and drops everything else.
     */
    static final class AsCaptured extends ProcessFunction<CdcEvent, RowChange> {
        private static final RowHistory NONE = new RowHistory(1, List.of(), null, null);
        private static final Landing LAKE_V1 = Landing.of(1, false, false);

        @Override
        public void processElement(CdcEvent event, Context ctx, Collector<RowChange> out) {
            if (event instanceof RowChange row) {
                out.collect(row.enriched(LAKE_V1, row.eventTimeMicros(), "").withHistory(NONE));
            }
        }
    }
}
