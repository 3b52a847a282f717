package io.historylake.job.compact;

import io.historylake.job.compact.CompactionPlan.Candidate;
import io.historylake.job.compact.LakeFiles.DataFile;
import io.historylake.model.TableId;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded compaction run over a lake: merges each table's small committed files, per partition
 * and schema version, into files of about the target size, and commits each merge with one journal
 * entry ({@link CompactionLog}), so that readers see either the old files or the new ones, never
 * both and never neither. Killed at any point, it leaves only uncommitted outputs (invisible;
 * deleted by a later run) or committed journals whose inputs a later run deletes. Replaced files
 * are deleted once their commit is older than the grace period, so that queries planned before it
 * still find them. Run one compaction at a time per lake.
 */
public final class Compactor {

    private static final Logger LOG = LoggerFactory.getLogger(Compactor.class);
    private static final DateTimeFormatter RUN_ID =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    /**
     * @param targetBytes the size compacted files roll at
     * @param minAge files younger than this are left for a later run
     * @param grace replaced files are deleted this long after their compaction committed
     */
    public record Settings(long targetBytes, Duration minAge, Duration grace) {}

    /** Sees each step of a run, in order; the fault tests stop the process at one of them. */
    public interface Listener {
        Listener NONE = new Listener() {};

        /** A compacted file was written in full; not visible until its commit. */
        default void written(Path output) {}

        /** A compaction's journal entry was written: its outputs replaced its inputs. */
        default void committed(CompactionLog.Commit commit) {}

        /** A replaced or abandoned file was deleted. */
        default void deleted(Path file) {}
    }

    /** What a run did. */
    public record Result(int commits, int inputs, int outputs, int deleted) {}

    private final Path lake;
    private final Settings settings;
    private final Clock clock;
    private final String runId;
    private final ParquetMerger merger;
    private final Listener listener;

    public Compactor(Path lake, Settings settings, Clock clock) {
        this(lake, settings, clock, Listener.NONE);
    }

    public Compactor(Path lake, Settings settings, Clock clock, Listener listener) {
        this.lake = lake;
        this.listener = listener;
        this.settings = settings;
        this.clock = clock;
        this.runId =
                RUN_ID.format(clock.instant()) + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.merger = new ParquetMerger(settings.targetBytes());
    }

    /** Compacts the given tables (all of the lake's when empty), then deletes what is due. */
    public Result run(List<TableId> only) throws IOException {
        List<TableId> tables = only.isEmpty() ? LakeFiles.tables(lake) : only;
        CompactionLog.State log = CompactionLog.read(lake);
        int commits = 0;
        int inputs = 0;
        int outputs = 0;
        for (TableId table : tables) {
            FileSystem fs = lake.getFileSystem();
            List<Candidate> candidates = new ArrayList<>();
            for (DataFile file : LakeFiles.visible(lake, table, log)) {
                candidates.add(ParquetMerger.footer(fs, file));
            }
            long before = clock.millis() - settings.minAge().toMillis();
            for (CompactionPlan.Group group :
                    CompactionPlan.plan(candidates, settings.targetBytes(), before)) {
                String id = runId + "-" + commits;
                Path dir = group.files().get(0).file().path().getParent();
                List<Path> written =
                        merger.merge(
                                fs,
                                group,
                                listener,
                                n ->
                                        new Path(
                                                dir,
                                                LakeFiles.COMPACTED_PREFIX
                                                        + id
                                                        + "-"
                                                        + n
                                                        + ".parquet"));
                CompactionLog.Commit commit =
                        new CompactionLog.Commit(
                                id,
                                clock.instant(),
                                table.qualified(),
                                group.files().stream().map(c -> c.file().relative()).toList(),
                                written.stream().map(p -> LakeFiles.relative(lake, p)).toList());
                CompactionLog.commit(lake, commit);
                listener.committed(commit);
                LOG.info(
                        "Compacted {} {} v{}: {} files ({} rows, {} bytes) into {}",
                        table.qualified(),
                        group.partition(),
                        group.schemaVersion(),
                        group.files().size(),
                        group.rows(),
                        group.bytes(),
                        commit.outputs());
                commits++;
                inputs += group.files().size();
                outputs += written.size();
            }
        }
        int deleted = deleteDue(tables, CompactionLog.read(lake));
        return new Result(commits, inputs, outputs, deleted);
    }

    /**
     * Deletes the inputs of commits older than the grace period, and outputs of earlier runs that
     * never committed (a run killed before its journal entry) once as old.
     */
    private int deleteDue(List<TableId> tables, CompactionLog.State log) throws IOException {
        Instant due = clock.instant().minus(settings.grace());
        Map<String, Instant> replacedAt = new HashMap<>();
        for (CompactionLog.Commit commit : log.commits()) {
            commit.inputs().forEach(input -> replacedAt.put(input, commit.committedAt()));
        }
        FileSystem fs = lake.getFileSystem();
        int deleted = 0;
        for (TableId table : tables) {
            for (DataFile file : LakeFiles.all(lake, table)) {
                Instant replaced = replacedAt.get(file.relative());
                boolean replacedLongAgo = replaced != null && !replaced.isAfter(due);
                boolean orphan =
                        replaced == null
                                && file.compacted()
                                && !log.outputs().contains(file.relative())
                                && !file.path().getName().contains(runId)
                                && file.modified() <= due.toEpochMilli();
                if ((replacedLongAgo || orphan) && fs.delete(file.path(), false)) {
                    if (orphan) {
                        LOG.info("Deleted {}: written by a compaction that never committed", file);
                    }
                    listener.deleted(file.path());
                    deleted++;
                }
            }
        }
        return deleted;
    }
}
