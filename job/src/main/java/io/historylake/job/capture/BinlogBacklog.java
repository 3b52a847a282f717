package io.historylake.job.capture;

import io.historylake.job.capture.binlog.BinlogOffset;
import io.historylake.job.config.MySqlConnection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metric {@code binlogBytesBehind}: the bytes the server has written to its binlog after the
 * reader's position, from {@code SHOW BINARY LOGS} every 10 seconds on a connection of its own (-1
 * until the binlog phase, or when the reader's file is no longer listed).
 */
final class BinlogBacklog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BinlogBacklog.class);

    private final MySqlConnection mysql;
    private volatile BinlogOffset position;
    private volatile long behind = -1;
    private final ScheduledExecutorService scheduler;
    private boolean polling;
    private Connection connection;

    BinlogBacklog(MySqlConnection mysql, MetricGroup metrics, ScheduledExecutorService scheduler) {
        this.mysql = mysql;
        this.scheduler = scheduler;
        metrics.gauge("binlogBytesBehind", (Gauge<Long>) () -> behind);
    }

    /** Where the emitted records end now (the mailbox thread); starts the polling. */
    void at(BinlogOffset offset) {
        position = offset;
        if (!polling) {
            polling = true;
            scheduler.scheduleWithFixedDelay(this::poll, 0, 10, TimeUnit.SECONDS);
        }
    }

    private void poll() {
        try {
            if (connection == null || !connection.isValid(5)) {
                Properties props = new Properties();
                props.setProperty("user", mysql.user());
                props.setProperty("password", mysql.password());
                connection = new com.mysql.cj.jdbc.Driver().connect(mysql.jdbcUrl(), props);
            }
            try (Statement s = connection.createStatement();
                    ResultSet logs = s.executeQuery("SHOW BINARY LOGS")) {
                behind = behind(logs, position);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("SHOW BINARY LOGS failed; binlogBytesBehind unknown until it answers", e);
            behind = -1;
        }
    }

    static long behind(ResultSet logs, BinlogOffset at) throws SQLException {
        long bytes = 0;
        boolean listed = false;
        while (logs.next()) {
            String file = logs.getString(1);
            long size = logs.getLong(2);
            int order = file.compareTo(at.file());
            if (order == 0) {
                listed = true;
                bytes += Math.max(0, size - at.position());
            } else if (order > 0) {
                bytes += size;
            }
        }
        return listed ? bytes : -1;
    }

    /** After the scheduler is shut down. */
    @Override
    public void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }
}
