package io.historylake.job.capture.binlog;

import io.historylake.job.config.MySqlConnection;
import io.historylake.job.source.BinlogPurged;
import io.historylake.shaded.binlog.BinaryLogClient;
import io.historylake.shaded.binlog.event.Event;
import io.historylake.shaded.binlog.event.EventType;
import io.historylake.shaded.binlog.event.TableMapEventData;
import io.historylake.shaded.binlog.event.deserialization.EventDeserializer;
import io.historylake.shaded.binlog.io.ByteArrayInputStream;
import io.historylake.shaded.binlog.network.ServerException;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the binlog from the server as a replica and hands every event to {@link BinlogEvents}.
 * Reconnects itself at the last transaction boundary (the client's own keep-alive would resume in
 * the middle of a transaction, past its table maps); a dead connection is noticed by the missing
 * heartbeats. Failures no reconnect can cure (purged binlog, another replica with our server id,
 * bad credentials) end the reading with a message that names the fix.
 */
public final class BinlogStream implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BinlogStream.class);
    private static final int ER_MASTER_FATAL_ERROR_READING_BINLOG = 1236;
    private static final Set<Integer> ACCESS_DENIED = Set.of(1045, 1227, 1044);

    private final MySqlConnection mysql;
    private final long serverId;
    private final boolean mariaDb;
    private final Duration heartbeat;
    private final BinlogEvents events;
    private volatile BinaryLogClient client;
    private volatile boolean closed;
    private volatile Throwable failure;
    private volatile long lastEventNanos;

    /**
     * The client logs each connect through java.util.logging at INFO, outside the job's logging
     * configuration; our listener logs it through SLF4J instead. Held here: JUL keeps its loggers
     * weakly, and a collected one forgets its level.
     */
    private static final java.util.logging.Logger CLIENT_LOG =
            java.util.logging.Logger.getLogger("io.historylake.shaded.binlog");

    static {
        CLIENT_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    public BinlogStream(
            MySqlConnection mysql,
            long serverId,
            boolean mariaDb,
            Duration heartbeat,
            BinlogEvents events) {
        this.mysql = mysql;
        this.serverId = serverId;
        this.mariaDb = mariaDb;
        this.heartbeat = heartbeat;
        this.events = events;
    }

    /** Reads until closed or, in a bounded run, until the stop position; in the caller's thread. */
    public void run() throws Exception {
        int attempt = 0;
        while (!closed && !events.ended()) {
            BinlogOffset from = events.resumePoint();
            BinaryLogClient c = newClient(from);
            client = c;
            lastEventNanos = System.nanoTime();
            Thread watchdog = watchdog(c);
            try {
                c.connect();
            } catch (IOException e) {
                failure = e;
            } finally {
                watchdog.interrupt();
            }
            if (closed || events.ended()) {
                return;
            }
            Throwable cause = failure;
            failure = null;
            rethrowIfFatal(cause, from);
            attempt++;
            if (attempt > 30) {
                throw new IllegalStateException(
                        "The binlog connection to " + mysql + " failed 30 times in a row", cause);
            }
            LOG.warn(
                    "Binlog connection to {} lost ({}); reconnecting at {} (attempt {})",
                    mysql,
                    cause == null ? "closed by the server" : cause.getMessage(),
                    events.resumePoint(),
                    attempt);
            events.prepareReconnect();
            Thread.sleep(Math.min(5_000L, 200L * attempt));
        }
    }

    private BinaryLogClient newClient(BinlogOffset from) {
        BinaryLogClient c =
                new BinaryLogClient(mysql.host(), mysql.port(), mysql.user(), mysql.password());
        c.setServerId(serverId);
        c.setKeepAlive(false);
        c.setHeartbeatInterval(heartbeat.toMillis());
        c.setBinlogFilename(from.file());
        c.setBinlogPosition(from.position());
        if (mariaDb) {
            c.setUseSendAnnotateRowsEvent(true);
            c.setMariaDbSlaveCapability(4);
        }
        c.setEventDeserializer(deserializer());
        c.registerEventListener(this::onEvent);
        c.registerLifecycleListener(new FailureListener());
        return c;
    }

    private void onEvent(Event event) {
        lastEventNanos = System.nanoTime();
        if (closed || failure != null) {
            // This thread holds the client's connect lock: disconnecting here returns at once.
            disconnectQuietly(client);
            return;
        }
        try {
            events.onEvent(event);
            if (events.ended()) {
                disconnectQuietly(client);
            }
        } catch (Throwable t) {
            failure = t;
            disconnectQuietly(client);
        }
    }

    private void rethrowIfFatal(Throwable cause, BinlogOffset from) throws Exception {
        if (cause instanceof ServerException s) {
            if (s.getErrorCode() == ER_MASTER_FATAL_ERROR_READING_BINLOG) {
                String m = String.valueOf(s.getMessage());
                if (m.contains("same server_uuid")
                        || m.contains("same server_id")
                        || m.contains("same server id")) {
                    throw new IllegalStateException(
                            "Another replica connected to "
                                    + mysql
                                    + " with server id "
                                    + serverId
                                    + " and the server dropped this one. Give each job its own"
                                    + " --mysql.server-id (and keep it apart from real replicas).",
                            s);
                }
                if (m.contains("first log file name") || m.contains("Could not find")) {
                    throw BinlogPurged.failure(from.file() + ":" + from.position(), s);
                }
            }
            if (ACCESS_DENIED.contains(s.getErrorCode())) {
                throw new IllegalStateException(
                        "The MySQL user "
                                + mysql.user()
                                + " may not read the binlog: grant it"
                                + " REPLICATION SLAVE and REPLICATION CLIENT",
                        s);
            }
        }
        if (cause instanceof Exception e && !(cause instanceof IOException)) {
            throw e;
        }
        if (cause instanceof Error e) {
            throw e;
        }
    }

    /** Closes a connection that has been silent for three heartbeats: reconnecting cures it. */
    private Thread watchdog(BinaryLogClient c) {
        long limitNanos = Math.max(3 * heartbeat.toNanos(), Duration.ofSeconds(10).toNanos());
        Thread thread =
                new Thread(
                        () -> {
                            try {
                                while (!Thread.currentThread().isInterrupted()) {
                                    Thread.sleep(Math.max(200, heartbeat.toMillis() / 2));
                                    if (System.nanoTime() - lastEventNanos > limitNanos
                                            && c.isConnected()) {
                                        LOG.warn(
                                                "No binlog event or heartbeat from {} for {} s",
                                                mysql,
                                                limitNanos / 1_000_000_000L);
                                        disconnectQuietly(c);
                                    }
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "binlog-watchdog");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Stops the reading without waiting: the client's disconnect waits for its connect lock, which
     * the reading thread holds while it hands a batch over, so it runs on a thread of its own.
     */
    @Override
    public void close() {
        closed = true;
        BinaryLogClient c = client;
        if (c != null) {
            Thread t = new Thread(() -> disconnectQuietly(c), "binlog-disconnect");
            t.setDaemon(true);
            t.start();
        }
    }

    private static void disconnectQuietly(BinaryLogClient c) {
        if (c != null) {
            try {
                c.disconnect();
            } catch (IOException e) {
                LOG.debug("Disconnect failed", e);
            }
        }
    }

    private static EventDeserializer deserializer() {
        Map<Long, TableMapEventData> tableMaps = new HashMap<>();
        EventDeserializer d = new TableMapTracking(tableMaps);
        d.setEventDataDeserializer(EventType.WRITE_ROWS, new RowsDeserializers.Write(tableMaps));
        d.setEventDataDeserializer(
                EventType.EXT_WRITE_ROWS,
                new RowsDeserializers.Write(tableMaps).setMayContainExtraInformation(true));
        d.setEventDataDeserializer(EventType.UPDATE_ROWS, new RowsDeserializers.Update(tableMaps));
        d.setEventDataDeserializer(
                EventType.EXT_UPDATE_ROWS,
                new RowsDeserializers.Update(tableMaps).setMayContainExtraInformation(true));
        d.setEventDataDeserializer(EventType.DELETE_ROWS, new RowsDeserializers.Delete(tableMaps));
        d.setEventDataDeserializer(
                EventType.EXT_DELETE_ROWS,
                new RowsDeserializers.Delete(tableMaps).setMayContainExtraInformation(true));
        return d;
    }

    /** Keeps the table maps our rows decoders read, as the library keeps its own. */
    private static final class TableMapTracking extends EventDeserializer {
        private final Map<Long, TableMapEventData> tableMaps;

        TableMapTracking(Map<Long, TableMapEventData> tableMaps) {
            this.tableMaps = tableMaps;
        }

        @Override
        public Event nextEvent(ByteArrayInputStream in) throws IOException {
            Event event = super.nextEvent(in);
            if (event != null && event.getHeader().getEventType() == EventType.TABLE_MAP) {
                TableMapEventData map = event.getData();
                tableMaps.put(map.getTableId(), map);
            }
            return event;
        }
    }

    private final class FailureListener implements BinaryLogClient.LifecycleListener {
        @Override
        public void onConnect(BinaryLogClient c) {
            LOG.info(
                    "Reading the binlog of {} from {}:{} as replica {}",
                    mysql,
                    c.getBinlogFilename(),
                    c.getBinlogPosition(),
                    serverId);
        }

        @Override
        public void onCommunicationFailure(BinaryLogClient c, Exception ex) {
            if (failure == null) {
                failure = ex;
            }
        }

        @Override
        public void onEventDeserializationFailure(BinaryLogClient c, Exception ex) {
            if (failure == null) {
                failure =
                        new IllegalStateException(
                                "Unreadable binlog event: " + ex.getMessage(), ex);
            }
            disconnectQuietly(c);
        }

        @Override
        public void onDisconnect(BinaryLogClient c) {}
    }
}
