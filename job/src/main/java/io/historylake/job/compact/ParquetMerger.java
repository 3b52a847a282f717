package io.historylake.job.compact;

import io.historylake.job.compact.CompactionPlan.Candidate;
import io.historylake.job.sink.FlinkOutputFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * Rewrites the files of one compaction group into files of about the target size (rows per file
 * estimated from the compressed bytes per row of the inputs, then of each file written): record by
 * record (full-size row groups, not the small ones of the inputs), same Parquet schema, key-value
 * metadata (table, schema version, Avro schema) and codec; checks that every row arrived.
 */
final class ParquetMerger {

    private static final long MAX_ROW_GROUP = 128L << 20;

    private final long targetBytes;

    ParquetMerger(long targetBytes) {
        this.targetBytes = targetBytes;
    }

    /** Reads a file's footer: schema version, Parquet schema, rows. */
    static Candidate footer(FileSystem fs, LakeFiles.DataFile file) throws IOException {
        try (ParquetFileReader reader =
                ParquetFileReader.open(new FlinkInputFile(fs, file.path(), file.size()))) {
            FileMetaData meta = reader.getFooter().getFileMetaData();
            String version = meta.getKeyValueMetaData().get("history_lake.schema_version");
            if (version == null) {
                throw new IOException(
                        file.path()
                                + " has no history_lake.schema_version in its footer: it was not"
                                + " written by history-lake; move it out of the table directory");
            }
            long dataBytes = 0;
            for (BlockMetaData block : reader.getRowGroups()) {
                dataBytes += block.getCompressedSize();
            }
            return new Candidate(
                    file,
                    Integer.parseInt(version),
                    meta.getSchema().toString(),
                    reader.getRecordCount(),
                    dataBytes);
        }
    }

    /**
     * Writes the group's rows to new files named by {@code outputName}; returns their paths. Rows
     * per file come from the inputs' compressed bytes per row; small files compress worse than
     * large ones, so when the first file misses the target by more than a quarter it is deleted and
     * the group written again with the bytes per row that file measured.
     *
     * @param outputName the n-th output file of the group (0-based)
     */
    List<Path> merge(
            FileSystem fs,
            CompactionPlan.Group group,
            Compactor.Listener listener,
            IntFunction<Path> outputName)
            throws IOException {
        double bytesPerRow = Math.max(1.0, (double) group.dataBytes() / Math.max(1, group.rows()));
        List<Path> outputs = new ArrayList<>();
        long calibrated = write(fs, group, listener, outputName, rowsPerFile(bytesPerRow), outputs);
        if (calibrated > 0) {
            outputs.clear();
            write(fs, group, listener, outputName, -calibrated, outputs);
        }
        return outputs;
    }

    /**
     * One pass over the group's rows.
     *
     * @param rowsPerFile rows per output; negative when calibrated already
     * @return 0, or the calibrated rows per file after deleting a first file off the target
     */
    private long write(
            FileSystem fs,
            CompactionPlan.Group group,
            Compactor.Listener listener,
            IntFunction<Path> outputName,
            long rowsPerFile,
            List<Path> outputs)
            throws IOException {
        boolean calibrating = rowsPerFile > 0;
        rowsPerFile = Math.abs(rowsPerFile);
        Output out = null;
        long written = 0;
        try {
            for (Candidate input : group.files()) {
                try (ParquetFileReader reader =
                        ParquetFileReader.open(
                                new FlinkInputFile(fs, input.file().path(), input.file().size()))) {
                    FileMetaData meta = reader.getFooter().getFileMetaData();
                    MessageType schema = meta.getSchema();
                    MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
                    PageReadStore pages;
                    while ((pages = reader.readNextRowGroup()) != null) {
                        RecordReader<Group> records =
                                io.getRecordReader(pages, new GroupRecordConverter(schema));
                        for (long r = 0; r < pages.getRowCount(); r++) {
                            if (out == null) {
                                Path path = outputName.apply(outputs.size());
                                outputs.add(path);
                                out = new Output(fs, path, schema, meta, codec(reader));
                            }
                            out.writer.write(records.read());
                            out.rows++;
                            written++;
                            long left = group.rows() - written;
                            // the last file takes up to a quarter more rather than be a small one
                            if (out.rows >= rowsPerFile && left > rowsPerFile / 4) {
                                long bytes = out.close();
                                Output closed = out;
                                out = null;
                                long rows = rowsPerFile((double) bytes / closed.rows);
                                if (calibrating
                                        && (bytes < targetBytes * 3 / 4
                                                || bytes > targetBytes * 5 / 4)) {
                                    fs.delete(closed.path, false);
                                    return rows;
                                }
                                calibrating = false;
                                listener.written(closed.path);
                            }
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (out != null) {
                out.close();
            }
            throw e;
        }
        if (out != null) {
            out.close();
            listener.written(out.path);
        }
        if (written != group.rows()) {
            throw new IOException(
                    "Compaction read "
                            + written
                            + " rows from "
                            + group.files().size()
                            + " files whose footers count "
                            + group.rows()
                            + "; nothing was committed");
        }
        return 0;
    }

    private static CompressionCodecName codec(ParquetFileReader reader) {
        return reader.getRowGroups().isEmpty()
                ? CompressionCodecName.SNAPPY
                : reader.getRowGroups().get(0).getColumns().get(0).getCodec();
    }

    private long rowsPerFile(double bytesPerRow) {
        return Math.max(1, (long) (targetBytes / bytesPerRow));
    }

    /** One output file: the Parquet writer and the stream it writes to. */
    private final class Output {
        private final Path path;
        private final FSDataOutputStream stream;
        private final ParquetWriter<Group> writer;
        private long rows;

        Output(
                FileSystem fs,
                Path path,
                MessageType schema,
                FileMetaData input,
                CompressionCodecName codec)
                throws IOException {
            this.path = path;
            stream = fs.create(path, FileSystem.WriteMode.OVERWRITE);
            writer =
                    ExampleParquetWriter.builder(new FlinkOutputFile(stream))
                            .withType(schema)
                            .withExtraMetaData(input.getKeyValueMetaData())
                            .withCompressionCodec(codec)
                            .withRowGroupSize(Math.min(targetBytes, MAX_ROW_GROUP))
                            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                            .withConf(new Configuration(false))
                            .build();
        }

        /** Closes the file; returns its size. */
        long close() throws IOException {
            try {
                writer.close();
                return stream.getPos();
            } finally {
                stream.close();
            }
        }
    }
}
