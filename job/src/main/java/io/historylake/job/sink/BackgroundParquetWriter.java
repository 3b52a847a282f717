package io.historylake.job.sink;

import io.historylake.model.RowChange;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.OutputFile;

/**
 * A part file's Parquet writer that encodes on the sink's encoder thread: the task thread checks
 * each row's schema version, hands rows over in batches and copies finished bytes to the part file;
 * column encoding, statistics and compression run beside it. At most {@link #IN_FLIGHT} batches of
 * all part files of the sink subtask wait for the encoder (back pressure, bounded memory), {@link
 * #finish} waits for the part file's last batch, and an encoding failure fails the next call that
 * the task thread makes.
 */
final class BackgroundParquetWriter implements BulkWriter<RowChange> {

    static final int BATCH = 256;
    static final int IN_FLIGHT = 16;

    /** Opens the Parquet writer of a part file for the schema of its first row. */
    interface Opener {
        ParquetWriter<RowChange> open(OutputFile file, RowChange first) throws IOException;
    }

    private final FSDataOutputStream out;
    private final ExecutorService encoder;
    private final Semaphore inFlight;
    private final Opener opener;
    private final ChunkedOutputFile file = new ChunkedOutputFile();
    private ParquetWriter<RowChange> writer; // used on the encoder thread once opened
    private RowChange first;
    private List<RowChange> batch = new ArrayList<>(BATCH);
    private volatile Throwable failure;

    /**
     * @param encoder one thread, shared by the part files of a sink subtask (runs batches in order)
     * @param inFlight {@link #IN_FLIGHT} permits, shared likewise: one per batch handed over
     */
    BackgroundParquetWriter(
            FSDataOutputStream out, ExecutorService encoder, Semaphore inFlight, Opener opener) {
        this.out = out;
        this.encoder = encoder;
        this.inFlight = inFlight;
        this.opener = opener;
    }

    @Override
    public void addElement(RowChange row) throws IOException {
        rethrowFailure();
        if (writer == null) {
            first = row;
            writer = opener.open(file, row);
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
        batch.add(row);
        if (batch.size() == BATCH) {
            submit(false);
        }
        file.copyTo(out);
    }

    @Override
    public void flush() {
        // Parquet buffers a row group in memory; it is written out on finish.
    }

    @Override
    public void finish() throws IOException {
        if (writer == null) {
            return;
        }
        Future<?> last = submit(true);
        try {
            last.get(); // batches run in order: every batch encoded and the footer written
        } catch (InterruptedException e) {
            throw interrupted();
        } catch (ExecutionException e) {
            failure = e.getCause();
        }
        rethrowFailure();
        file.copyTo(out);
    }

    private Future<?> submit(boolean close) throws IOException {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            throw interrupted();
        }
        Future<?> submitted = encoder.submit(new EncodeBatch(batch, close));
        batch = new ArrayList<>(BATCH);
        return submitted;
    }

    /** Keeps the thread's interrupt and says what it interrupted. */
    private InterruptedIOException interrupted() {
        Thread.currentThread().interrupt();
        return new InterruptedIOException("Interrupted while Parquet encodes " + first.table());
    }

    private void rethrowFailure() throws IOException {
        Throwable cause = failure;
        if (cause != null) {
            throw new IOException(
                    "Encoding a Parquet part file of "
                            + first.table()
                            + " v"
                            + first.schemaVersion()
                            + " failed: "
                            + cause,
                    cause);
        }
    }

    /** Writes one batch of rows, and the footer after the last batch, on the encoder thread. */
    private final class EncodeBatch implements Runnable {
        private final List<RowChange> rows;
        private final boolean close;

        EncodeBatch(List<RowChange> rows, boolean close) {
            this.rows = rows;
            this.close = close;
        }

        @Override
        public void run() {
            try {
                if (failure == null) {
                    for (RowChange row : rows) {
                        writer.write(row);
                    }
                    if (close) {
                        writer.close();
                    }
                }
            } catch (Throwable t) {
                failure = t;
            } finally {
                inFlight.release();
            }
        }
    }
}
