package io.historylake.job.compact;

import io.historylake.job.compact.LakeFiles.DataFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which files to merge: per partition and schema version (never across either), the files smaller
 * than three quarters of the target size and older than the minimum age, when there are at least
 * two of them. Pure: the footers were read before.
 */
public final class CompactionPlan {

    /** A visible data file with what its footer says: schema version and Parquet schema. */
    public record Candidate(
            DataFile file, int schemaVersion, String parquetSchema, long rows, long dataBytes) {}

    /** Files that become one or more files of about the target size. */
    public record Group(String partition, int schemaVersion, List<Candidate> files) {

        public long bytes() {
            return files.stream().mapToLong(c -> c.file().size()).sum();
        }

        /** Compressed bytes of the row groups, without footers. */
        public long dataBytes() {
            return files.stream().mapToLong(Candidate::dataBytes).sum();
        }

        public long rows() {
            return files.stream().mapToLong(Candidate::rows).sum();
        }
    }

    private CompactionPlan() {}

    /**
     * @param files one table's visible files with their footers
     * @param targetBytes the compacted file size
     * @param modifiedBefore only files last modified before this (epoch millis) take part
     */
    public static List<Group> plan(List<Candidate> files, long targetBytes, long modifiedBefore) {
        Map<String, List<Candidate>> small = new LinkedHashMap<>();
        for (Candidate candidate : files) {
            DataFile file = candidate.file();
            if (file.size() < targetBytes * 3 / 4 && file.modified() < modifiedBefore) {
                String key =
                        file.partition()
                                + '\n'
                                + candidate.schemaVersion()
                                + '\n'
                                + candidate.parquetSchema();
                small.computeIfAbsent(key, k -> new ArrayList<>()).add(candidate);
            }
        }
        List<Group> groups = new ArrayList<>();
        for (List<Candidate> group : small.values()) {
            if (group.size() >= 2) {
                Candidate first = group.get(0);
                groups.add(
                        new Group(
                                first.file().partition(),
                                first.schemaVersion(),
                                List.copyOf(group)));
            }
        }
        return groups;
    }
}
