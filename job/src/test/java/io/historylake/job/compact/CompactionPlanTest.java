package io.historylake.job.compact;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.compact.CompactionPlan.Candidate;
import io.historylake.job.compact.CompactionPlan.Group;
import io.historylake.job.compact.LakeFiles.DataFile;
import java.util.List;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;

class CompactionPlanTest {

    private static final long TARGET = 1000;

    private static Candidate file(String partition, String name, int version, long size, long at) {
        String relative = "db/t/" + partition + "/" + name;
        return new Candidate(
                new DataFile(new Path("/lake/" + relative), relative, partition, size, at),
                version,
                "message v" + version,
                10,
                size / 2);
    }

    @Test
    void smallFilesOfOnePartitionAndVersionFormOneGroup() {
        List<Group> groups =
                CompactionPlan.plan(
                        List.of(
                                file("dt=2026-11-01", "a", 1, 100, 0),
                                file("dt=2026-11-01", "b", 1, 100, 0),
                                file("dt=2026-11-01", "c", 1, 100, 0)),
                        TARGET,
                        1);
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).files()).hasSize(3);
        assertThat(groups.get(0).rows()).isEqualTo(30);
    }

    @Test
    void filesNeverMergeAcrossAPartitionOrASchemaVersion() {
        List<Group> groups =
                CompactionPlan.plan(
                        List.of(
                                file("dt=2026-11-01", "a", 1, 100, 0),
                                file("dt=2026-11-01", "b", 2, 100, 0),
                                file("dt=2026-11-02", "c", 1, 100, 0),
                                file("dt=2026-11-01", "d", 2, 100, 0),
                                file("dt=2026-11-02", "e", 1, 100, 0),
                                file("dt=2026-11-01", "f", 1, 100, 0)),
                        TARGET,
                        1);
        assertThat(groups)
                .extracting(g -> g.partition() + " v" + g.schemaVersion() + " " + g.files().size())
                .containsExactly("dt=2026-11-01 v1 2", "dt=2026-11-01 v2 2", "dt=2026-11-02 v1 2");
    }

    @Test
    void filesNearTheTargetOrTooYoungOrAloneStayAsTheyAre() {
        List<Group> groups =
                CompactionPlan.plan(
                        List.of(
                                file("dt=2026-11-01", "big", 1, 800, 0),
                                file("dt=2026-11-01", "small", 1, 100, 0),
                                file("dt=2026-11-01", "young", 1, 100, 5),
                                file("dt=2026-11-02", "alone", 1, 100, 0)),
                        TARGET,
                        5);
        assertThat(groups).isEmpty();
    }
}
