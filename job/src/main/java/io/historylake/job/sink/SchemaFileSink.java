package io.historylake.job.sink;

import io.historylake.lake.AthenaDdl;
import io.historylake.lake.AvroSchemas;
import io.historylake.model.CdcEvent;
import io.historylake.model.SchemaChange;
import io.historylake.model.SchemaVersion;
import io.historylake.serde.SchemaVersionFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Writes each table's schema versions into the lake at every checkpoint: {@code
 * _schemas/<db>/<table>/v<N>.avsc} (the Avro schema with the DDL that produced it and the schema
 * guard's verdict) and {@code _athena/<db>/<table>/v<N>.sql} (CREATE for version 1, ADD COLUMNS
 * after). A quarantined version's files, with a {@code v<N>.verdict.txt}, go to {@code
 * _quarantine/<db>/<table>/} until it is released. A version's files are a pure function of the
 * version, so rewriting them after a replay changes nothing. Every DDL statement of a captured
 * table (TRUNCATE and RENAME TABLE included) is kept verbatim in {@code
 * _schemas/<db>/<table>/ddl/}, one file per statement named by its binlog position.
 */
public final class SchemaFileSink implements Sink<CdcEvent> {

    private static final long serialVersionUID = 1L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final Path lake;
    private final String athenaDatabase;
    private final String partitionColumn;

    public SchemaFileSink(Path lake, String athenaDatabase, String partitionColumn) {
        this.lake = lake;
        this.athenaDatabase = athenaDatabase;
        this.partitionColumn = partitionColumn;
    }

    @Override
    @Deprecated
    public SinkWriter<CdcEvent> createWriter(InitContext context) {
        return new Writer();
    }

    /** The .avsc text of a version: the lake row schema plus the DDL that produced it. */
    static String avsc(SchemaVersion version) {
        Schema schema = AvroSchemas.lakeRowSchema(version.schema(), version.version());
        if (version.ddl() != null) {
            schema.addProp("history_lake.ddl", version.ddl());
        }
        if (!version.verdict().isEmpty()) {
            schema.addProp("history_lake.verdict", version.verdict().describe());
        }
        return schema.toString(true);
    }

    /** The Athena statement of a version. */
    String athena(SchemaVersion version) {
        String firstDate =
                LocalDate.ofEpochDay(Math.floorDiv(version.eventTimeMicros(), MICROS_PER_DAY))
                        .toString();
        AthenaDdl ddl = new AthenaDdl(athenaDatabase, lake.toString(), partitionColumn, firstDate);
        String view = ddl.view(version.schema()) + ";\n";
        if (version.previous() == null) {
            return ddl.createTable(version.schema())
                    + ";\n"
                    + ddl.compactionJournal()
                    + ";\n"
                    + view;
        }
        String add = ddl.addColumns(version.previous(), version.schema());
        String verdict =
                version.verdict().isEmpty()
                        ? ""
                        : "-- schema guard verdict:\n-- "
                                + version.verdict().describe().replace("\n", "\n-- ")
                                + "\n";
        return verdict
                + (add != null
                        ? add + ";\n"
                        : "-- schema version "
                                + version.version()
                                + " adds no column: "
                                + version.ddl()
                                + "\n")
                + view;
    }

    /** A DDL statement's file in its table's DDL log, named by its binlog position. */
    private Path ddlLogEntry(SchemaChange ddl) {
        String at =
                ddl.position() == null
                        ? "unknown-" + Integer.toHexString(ddl.ddl().hashCode())
                        : ddl.position().file() + "-" + ddl.position().position();
        return new Path(lake, "_schemas/" + ddl.table().lakePath() + "/ddl/" + at + ".sql");
    }

    private static String ddlText(SchemaChange ddl) {
        return "-- "
                + Instant.EPOCH.plus(ddl.eventTimeMicros(), ChronoUnit.MICROS)
                + (ddl.position() == null ? "" : " at " + ddl.position())
                + "\n"
                + ddl.ddl()
                + ";\n";
    }

    /** Collects the versions of a checkpoint and writes them when it is taken. */
    private final class Writer implements SinkWriter<CdcEvent> {
        private final List<CdcEvent> pending = new ArrayList<>();

        @Override
        public void write(CdcEvent element, Context context) {
            if (element instanceof SchemaVersion || element instanceof SchemaChange) {
                pending.add(element);
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            for (CdcEvent event : pending) {
                if (event instanceof SchemaChange ddl) {
                    write(ddlLogEntry(ddl), ddlText(ddl));
                    continue;
                }
                SchemaVersion version = (SchemaVersion) event;
                String dir = version.schema().table().lakePath();
                String name = "v" + version.version();
                if (version.quarantined()) {
                    Path quarantine = LakeQuarantine.of(lake, version.schema().table());
                    write(
                            new Path(quarantine, name + LakeSchemaFiles.SUFFIX),
                            SchemaVersionFile.encode(version));
                    write(new Path(quarantine, name + ".avsc"), avsc(version));
                    write(new Path(quarantine, name + ".sql"), athena(version));
                    write(
                            new Path(quarantine, name + ".verdict.txt"),
                            version.verdict().describe() + "\n");
                } else {
                    write(
                            new Path(lake, "_schemas/" + dir + "/" + name + LakeSchemaFiles.SUFFIX),
                            SchemaVersionFile.encode(version));
                    write(new Path(lake, "_schemas/" + dir + "/" + name + ".avsc"), avsc(version));
                    write(new Path(lake, "_athena/" + dir + "/" + name + ".sql"), athena(version));
                }
            }
            pending.clear();
        }

        @Override
        public void close() {}

        private void write(Path path, String text) throws IOException {
            write(path, text.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Writes a file once: the same content again (a replay after a restore) is a no-op, other
         * content is refused, as readers may have read the first.
         */
        private void write(Path path, byte[] content) throws IOException {
            FileSystem fs = path.getFileSystem();
            if (fs.exists(path)) {
                byte[] there = LakeSchemaFiles.bytes(fs, fs.getFileStatus(path));
                if (java.util.Arrays.equals(there, content)) {
                    return;
                }
                throw new IOException(
                        path
                                + " exists with other content, and schema files are never"
                                + " rewritten: does another job write this lake (a lake per job),"
                                + " or was it written by a release before schema version files"
                                + " (move the table's _schemas/ and _athena/ directories aside)?");
            }
            try (FSDataOutputStream out = fs.create(path, FileSystem.WriteMode.NO_OVERWRITE)) {
                out.write(content);
            }
        }
    }
}
