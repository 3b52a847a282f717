package io.historylake.job.sink;

import java.io.IOException;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link org.apache.parquet.io.OutputFile} written on one thread and copied to the part
 * file on another: the encoder thread's bytes are handed over in chunks, and only the task thread
 * touches the {@code FileSink}'s stream ({@link #copyTo}), so the stream keeps the single writer it
 * was made for.
 */
final class ChunkedOutputFile extends StreamOutputFile {

    private static final int CHUNK = 64 * 1024;

    private final Queue<byte[]> chunks = new ConcurrentLinkedQueue<>();
    private final Stream stream = new Stream();

    /** Copies the chunks handed over so far to the part file; called on the task thread. */
    void copyTo(FSDataOutputStream out) throws IOException {
        for (byte[] chunk = chunks.poll(); chunk != null; chunk = chunks.poll()) {
            out.write(chunk);
        }
    }

    @Override
    PositionOutputStream stream() {
        return stream;
    }

    /** Buffers small writes, hands over a chunk when it is full, on flush and on close. */
    private final class Stream extends PositionOutputStream {
        private final byte[] buffer = new byte[CHUNK];
        private int used;
        private long position;

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void write(int b) {
            if (used == buffer.length) {
                handOver();
            }
            buffer[used++] = (byte) b;
            position++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (len > CHUNK) { // a column chunk: one copy, since Parquet reuses its buffers
                handOver();
                chunks.add(Arrays.copyOfRange(b, off, off + len));
            } else {
                if (used + len > buffer.length) {
                    handOver();
                }
                System.arraycopy(b, off, buffer, used, len);
                used += len;
            }
            position += len;
        }

        @Override
        public void flush() {
            handOver();
        }

        @Override
        public void close() {
            handOver();
        }

        private void handOver() {
            if (used > 0) {
                chunks.add(Arrays.copyOf(buffer, used));
                used = 0;
            }
        }
    }
}
