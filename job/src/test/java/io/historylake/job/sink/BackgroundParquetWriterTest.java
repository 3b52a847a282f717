package io.historylake.job.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.historylake.job.testing.Await;
import io.historylake.model.Landing;
import io.historylake.model.RowChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem.WriteMode;
import org.apache.flink.core.fs.local.LocalFileSystem;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackgroundParquetWriterTest {

    private static final int ROWS =
            5 * BackgroundParquetWriter.BATCH * BackgroundParquetWriter.IN_FLIGHT;

    @TempDir Path dir;
    private final LakeParquetWriterFactory factory =
            new LakeParquetWriterFactory(CompressionCodecName.SNAPPY, 64 * 1024);

    @Test
    void rowsOfManyBatchesLandInOrderOnceThePartFileIsFinished() throws Exception {
        Path file = dir.resolve("orders.parquet");
        try (ThreadCheckingStream out = open(file)) {
            BulkWriter<RowChange> writer = factory.create(out);
            for (int i = 0; i < ROWS; i++) {
                writer.addElement(row("orders", i, i));
            }
            writer.flush();
            writer.finish();
            assertThat(out.writers).containsExactly(Thread.currentThread());
        }
        assertThat(ids(file)).isEqualTo(IntStream.range(0, ROWS).boxed().toList());
    }

    @Test
    void partFilesOfTwoTablesShareTheEncoderWithoutMixingTheirRows() throws Exception {
        Path orders = dir.resolve("orders.parquet");
        Path items = dir.resolve("items.parquet");
        try (FSDataOutputStream ordersOut = open(orders);
                FSDataOutputStream itemsOut = open(items)) {
            BulkWriter<RowChange> ordersWriter = factory.create(ordersOut);
            BulkWriter<RowChange> itemsWriter = factory.create(itemsOut);
            for (int i = 0; i < ROWS; i++) {
                ordersWriter.addElement(row("orders", i, i));
                itemsWriter.addElement(row("items", i, -i));
            }
            itemsWriter.finish();
            ordersWriter.finish();
        }
        assertThat(ids(orders)).isEqualTo(IntStream.range(0, ROWS).boxed().toList());
        assertThat(ids(items)).isEqualTo(IntStream.range(0, ROWS).map(i -> -i).boxed().toList());
    }

    @Test
    void anEncodingFailureFailsThePartFileAndNamesItsTable() throws Exception {
        try (FSDataOutputStream out = open(dir.resolve("orders.parquet"))) {
            BulkWriter<RowChange> writer = factory.create(out);
            writer.addElement(row("orders", 0, 1));
            writer.addElement(row("orders", 1, "not an int"));
            assertThatThrownBy(writer::finish)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("Encoding a Parquet part file of shop.orders v1 failed")
                    .hasRootCauseInstanceOf(ClassCastException.class);
        }
    }

    @Test
    void aRowOfAnotherSchemaVersionIsRefusedOnTheTaskThread() throws Exception {
        try (FSDataOutputStream out = open(dir.resolve("orders.parquet"))) {
            BulkWriter<RowChange> writer = factory.create(out);
            writer.addElement(row("orders", 0, 1));
            RowChange other = row("orders", 1, 2);
            RowChange v2 =
                    other.enriched(
                                    Landing.of(2, false, false),
                                    other.eventTimeMicros(),
                                    other.eventId())
                            .withHistory(other.history());
            assertThatThrownBy(() -> writer.addElement(v2))
                    .hasMessageContaining("received a row of shop.orders v2");
        }
    }

    @Test
    void theTaskThreadWaitsOnceSixteenBatchesOfAllPartFilesWaitForTheEncoder() throws Exception {
        ThreadPoolExecutor encoder =
                new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        CountDownLatch gate = new CountDownLatch(1);
        encoder.execute(new Gate(gate)); // holds the encoder until the test opens it
        Semaphore inFlight = new Semaphore(BackgroundParquetWriter.IN_FLIGHT);
        int batches = BackgroundParquetWriter.IN_FLIGHT + 1;
        try (FSDataOutputStream ordersOut = open(dir.resolve("orders.parquet"));
                FSDataOutputStream itemsOut = open(dir.resolve("items.parquet"))) {
            BulkWriter<RowChange> orders =
                    new BackgroundParquetWriter(ordersOut, encoder, inFlight, factory);
            BulkWriter<RowChange> items =
                    new BackgroundParquetWriter(itemsOut, encoder, inFlight, factory);
            Thread task = new Thread(new WriteBatches(orders, items, batches), "test task thread");
            task.start();
            Await.until(
                    Duration.ofSeconds(30),
                    () -> task.getState() == Thread.State.WAITING,
                    () -> "task thread " + task.getState() + ", " + encoder.getQueue().size());
            assertThat(encoder.getQueue()).hasSize(BackgroundParquetWriter.IN_FLIGHT);
            gate.countDown();
            task.join(30_000);
            assertThat(task.isAlive()).isFalse();
            orders.finish();
            items.finish();
        } finally {
            encoder.shutdown();
        }
        int half = batches / 2 * BackgroundParquetWriter.BATCH;
        assertThat(ids(dir.resolve("orders.parquet")))
                .hasSize(half + BackgroundParquetWriter.BATCH);
        assertThat(ids(dir.resolve("items.parquet"))).hasSize(half);
    }

    private static RowChange row(String table, int position, Object id) {
        return SinkRows.insert(table, 1, 1_000_000L, position, id);
    }

    private static ThreadCheckingStream open(Path file) throws IOException {
        return new ThreadCheckingStream(
                LocalFileSystem.getSharedInstance()
                        .create(
                                new org.apache.flink.core.fs.Path(file.toUri()),
                                WriteMode.NO_OVERWRITE));
    }

    private static List<Integer> ids(Path file) throws Exception {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet rs =
                        statement.executeQuery("SELECT id FROM read_parquet('" + file + "')")) {
            List<Integer> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
            return ids;
        }
    }

    /** Blocks the encoder thread until the latch opens. */
    private record Gate(CountDownLatch latch) implements Runnable {
        @Override
        public void run() {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Writes full batches to two part files in turn, starting with the first. */
    private record WriteBatches(BulkWriter<RowChange> first, BulkWriter<RowChange> second, int n)
            implements Runnable {
        @Override
        public void run() {
            try {
                for (int batch = 0; batch < n; batch++) {
                    BulkWriter<RowChange> writer = batch % 2 == 0 ? first : second;
                    String table = batch % 2 == 0 ? "orders" : "items";
                    for (int i = 0; i < BackgroundParquetWriter.BATCH; i++) {
                        writer.addElement(row(table, batch * BackgroundParquetWriter.BATCH + i, i));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A part-file stream that records which threads wrote to it. */
    private static final class ThreadCheckingStream extends FSDataOutputStream {
        private final FSDataOutputStream out;
        final Set<Thread> writers = ConcurrentHashMap.newKeySet();

        ThreadCheckingStream(FSDataOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            writers.add(Thread.currentThread());
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writers.add(Thread.currentThread());
            out.write(b, off, len);
        }

        @Override
        public long getPos() throws IOException {
            return out.getPos();
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void sync() throws IOException {
            out.sync();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
