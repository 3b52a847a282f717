package io.historylake.job.admin;

import io.historylake.job.sink.LakePaths;
import io.historylake.model.TableId;
import java.util.List;
import org.apache.flink.core.fs.Path;

/**
 * {@code history-lake quarantine list|release <database.table> [--lake PATH]}: shows the tables in
 * quarantine, or releases one into the lake once someone accepted its schema change.
 */
public final class QuarantineCommand {

    private QuarantineCommand() {}

    public static void main(String[] args) throws Exception {
        String lakePath =
                System.getenv().getOrDefault("HISTORY_LAKE_PATH", "/tmp/history-lake/lake");
        String action = null;
        String table = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--lake") && i + 1 < args.length) {
                lakePath = args[++i];
            } else if (action == null) {
                action = args[i];
            } else {
                table = args[i];
            }
        }
        Path lake = LakePaths.resolve(lakePath);
        QuarantineRelease quarantine = new QuarantineRelease(lake);
        if ("list".equals(action)) {
            List<TableId> tables = quarantine.quarantinedTables();
            tables.forEach(t -> System.out.println(t.qualified()));
            if (tables.isEmpty()) {
                System.out.println("(nothing in quarantine under " + lake + ")");
            }
        } else if ("release".equals(action) && table != null) {
            TableId id = TableId.parse(table);
            QuarantineRelease.Result result = quarantine.release(id);
            System.out.println(
                    "Released "
                            + id.qualified()
                            + ": "
                            + result.dataFiles()
                            + " data files moved into the lake, schema versions "
                            + result.versions()
                            + " accepted. If the job was running, run this again after its next"
                            + " checkpoint to move files it committed meanwhile.");
        } else {
            System.err.println(
                    "usage: history-lake quarantine list|release <database.table> [--lake PATH]");
            System.exit(2);
        }
    }
}
