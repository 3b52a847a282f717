package io.historylake.job.source;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.runtime.execution.SuppressRestartsException;

/**
 * Turns the connector's failure for a binlog position the server no longer has (purged while the
 * job was down) into a failure that names the position and the recovery, and that does not restart
 * the job again and again: no restart can bring the binlog back.
 */
public final class BinlogPurged {

    private static final String SIGNATURE = "but this is no longer available on the server";
    private static final Pattern OFFSET = Pattern.compile("file=([^,}]+),\\s*pos=(\\d+)");

    private BinlogPurged() {}

    /** The translated failure when {@code failure} is the connector's purged-binlog error. */
    static Optional<RuntimeException> translate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains(SIGNATURE)) {
                Matcher m = OFFSET.matcher(message);
                String position = m.find() ? m.group(1) + ":" + m.group(2) : "(see the cause)";
                return Optional.of(failure(position, failure));
            }
        }
        return Optional.empty();
    }

    /** The failure for a resume position that is no longer on the server; never restarted. */
    public static RuntimeException failure(String position, Throwable failure) {
        return new SuppressRestartsException(
                new IllegalStateException(
                        "The binlog position "
                                + position
                                + " this job has to resume from is no longer on"
                                + " the MySQL server (purged while the job was"
                                + " down). The lake is complete up to that"
                                + " position; the changes after it are gone from"
                                + " the binlog. Recover with a new snapshot: run"
                                + " the job with --startup initial and a new"
                                + " --checkpoint.dir (same --lake.path); its rows"
                                + " land as _op = 'r' at the new snapshot time."
                                + " Keep binlogs longer than the longest outage"
                                + " (binlog_expire_logs_seconds).",
                        failure));
    }
}
