package io.historylake.job.sink;

import java.io.IOException;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link org.apache.parquet.io.OutputFile} over the part-file stream the {@code FileSink}
 * opened.
 */
public final class FlinkOutputFile extends StreamOutputFile {

    private final FSDataOutputStream out;

    public FlinkOutputFile(FSDataOutputStream out) {
        this.out = out;
    }

    @Override
    PositionOutputStream stream() {
        return new Stream(out);
    }

    /** Writes through; closing is left to the sink, which commits the part file. */
    private static final class Stream extends PositionOutputStream {
        private final FSDataOutputStream out;

        Stream(FSDataOutputStream out) {
            this.out = out;
        }

        @Override
        public long getPos() throws IOException {
            return out.getPos();
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() {
            // the FileSink owns the stream
        }
    }
}
