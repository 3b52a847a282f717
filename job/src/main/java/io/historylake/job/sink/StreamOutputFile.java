package io.historylake.job.sink;

import java.io.IOException;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/** A Parquet {@link OutputFile} over a stream that exists already: no block size, no overwrite. */
abstract class StreamOutputFile implements OutputFile {

    /** The stream Parquet writes the file to. */
    abstract PositionOutputStream stream() throws IOException;

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        return stream();
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return stream();
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }
}
