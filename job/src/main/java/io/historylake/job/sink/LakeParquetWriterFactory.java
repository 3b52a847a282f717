package io.historylake.job.sink;

import io.historylake.lake.MetadataColumn;
import io.historylake.model.RowChange;
import java.io.IOException;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

/**
 * Creates one Parquet writer per part file. The part file's schema (table and schema version) is
 * taken from its first row; the {@link LakeBucketing} policy rolls the file before a row of another
 * version, and the writer refuses one should that ever fail.
 */
public final class LakeParquetWriterFactory implements BulkWriter.Factory<RowChange> {

    private static final long serialVersionUID = 1L;

    private final CompressionCodecName codec;
    private final int rowGroupBytes;

    public LakeParquetWriterFactory(CompressionCodecName codec, int rowGroupBytes) {
        this.codec = codec;
        this.rowGroupBytes = rowGroupBytes;
    }

    @Override
    public BulkWriter<RowChange> create(FSDataOutputStream out) {
        return new LakeParquetWriter(out);
    }

    /** Opens the Parquet writer on the first row, then writes rows of that schema version only. */
    private final class LakeParquetWriter implements BulkWriter<RowChange> {
        private final FSDataOutputStream out;
        private ParquetWriter<RowChange> writer;
        private RowChange first;

        LakeParquetWriter(FSDataOutputStream out) {
            this.out = out;
        }

        @Override
        public void addElement(RowChange row) throws IOException {
            if (writer == null) {
                first = row;
                Builder builder =
                        new Builder(
                                        new FlinkOutputFile(out),
                                        new RowChangeWriteSupport(
                                                row.schema(), row.schemaVersion()))
                                .withCompressionCodec(codec)
                                .withRowGroupSize(rowGroupBytes)
                                .withWriteMode(
                                        org.apache.parquet.hadoop.ParquetFileWriter.Mode.OVERWRITE)
                                .withConf(new Configuration(false))
                                .withDictionaryEncoding(MetadataColumn.EVENT_ID.columnName(), false)
                                .withDictionaryEncoding(
                                        MetadataColumn.BINLOG_POS.columnName(), false)
                                .withDictionaryEncoding(
                                        MetadataColumn.TX_ORDER.columnName(), false);
                for (String key : row.schema().primaryKey()) {
                    // unique values: a dictionary only costs hashing until it falls back
                    builder.withDictionaryEncoding(key, false);
                }
                writer = builder.build();
            } else if (row.schemaVersion() != first.schemaVersion()
                    || !row.table().equals(first.table())) {
                throw new IllegalStateException(
                        "A part file of "
                                + first.table()
                                + " v"
                                + first.schemaVersion()
                                + " received a row of "
                                + row.table()
                                + " v"
                                + row.schemaVersion()
                                + "; the rolling policy must roll first");
            }
            writer.write(row);
        }

        @Override
        public void flush() {
            // Parquet buffers a row group in memory; it is written out on finish.
        }

        @Override
        public void finish() throws IOException {
            if (writer != null) {
                writer.close();
            }
        }
    }

    /** Parquet writer builder over our write support. */
    private static final class Builder extends ParquetWriter.Builder<RowChange, Builder> {
        private final WriteSupport<RowChange> writeSupport;

        Builder(OutputFile file, WriteSupport<RowChange> writeSupport) {
            super(file);
            this.writeSupport = writeSupport;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<RowChange> getWriteSupport(Configuration conf) {
            return writeSupport;
        }
    }
}
