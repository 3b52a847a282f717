package io.historylake.job.sink;

import io.historylake.lake.MetadataColumn;
import io.historylake.model.RowChange;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 * version, and the writer refuses one should that ever fail. Rows are encoded on an encoder thread
 * beside the task thread ({@link BackgroundParquetWriter}).
 */
public final class LakeParquetWriterFactory
        implements BulkWriter.Factory<RowChange>, BackgroundParquetWriter.Opener {

    private static final long serialVersionUID = 1L;
    private static final long IDLE_SECONDS = 5;

    private final CompressionCodecName codec;
    private final int rowGroupBytes;
    private transient ExecutorService encoder;
    private transient Semaphore inFlight;

    public LakeParquetWriterFactory(CompressionCodecName codec, int rowGroupBytes) {
        this.codec = codec;
        this.rowGroupBytes = rowGroupBytes;
    }

    @Override
    public BulkWriter<RowChange> create(FSDataOutputStream out) {
        ExecutorService thread = encoder(); // creates the shared permits with the thread
        return new BackgroundParquetWriter(out, thread, inFlight, this);
    }

    /** The Parquet writer of one part file, for the table and schema version of its first row. */
    @Override
    public ParquetWriter<RowChange> open(OutputFile file, RowChange first) throws IOException {
        Builder builder =
                new Builder(file, new RowChangeWriteSupport(first.schema(), first.schemaVersion()))
                        .withCompressionCodec(codec)
                        .withRowGroupSize(rowGroupBytes)
                        .withWriteMode(org.apache.parquet.hadoop.ParquetFileWriter.Mode.OVERWRITE)
                        .withConf(new Configuration(false))
                        .withDictionaryEncoding(MetadataColumn.EVENT_ID.columnName(), false)
                        .withDictionaryEncoding(MetadataColumn.BINLOG_POS.columnName(), false)
                        .withDictionaryEncoding(MetadataColumn.TX_ORDER.columnName(), false);
        for (String key : first.schema().primaryKey()) {
            // unique values: a dictionary only costs hashing until it falls back
            builder.withDictionaryEncoding(key, false);
        }
        return builder.build();
    }

    /**
     * One encoder thread for all part files of this sink subtask, in the order their rows came; it
     * ends when idle, so a cancelled or finished job leaves no thread behind.
     */
    private synchronized ExecutorService encoder() {
        if (encoder == null) {
            ThreadPoolExecutor pool =
                    new ThreadPoolExecutor(
                            1,
                            1,
                            IDLE_SECONDS,
                            TimeUnit.SECONDS,
                            new LinkedBlockingQueue<>(),
                            new EncoderThreads());
            pool.allowCoreThreadTimeOut(true);
            encoder = pool;
            inFlight = new Semaphore(BackgroundParquetWriter.IN_FLIGHT);
        }
        return encoder;
    }

    /** Names the encoder thread (it shows in thread dumps and profiles) and makes it a daemon. */
    private static final class EncoderThreads implements ThreadFactory {
        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "history-lake Parquet encoder");
            thread.setDaemon(true);
            return thread;
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
