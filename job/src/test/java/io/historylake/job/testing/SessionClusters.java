package io.historylake.job.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Session clusters for the job's tests, and the {@code conf/} files they start from. */
public final class SessionClusters {

    private SessionClusters() {}

    /** A cluster under {@code work/cluster} running the project's fat jar against {@code mysql}. */
    public static SessionCluster forJob(Path work, LocalMariaDb mysql) throws Exception {
        return new SessionCluster(
                work.resolve("cluster"),
                RepoPaths.root().resolve("job/target/history-lake.jar"),
                Map.of("MYSQL_PASSWORD", mysql.cdcUser().password()),
                List.of());
    }

    /**
     * The same with {@code s3://} set up as on a real cluster: {@code flink-s3-fs-hadoop} from the
     * plugins directory, and the {@code s3.*} keys in the cluster's configuration.
     */
    public static SessionCluster forJob(Path work, LocalMariaDb mysql, LocalS3 s3)
            throws Exception {
        return forJob(work, mysql, s3, s3.endpoint());
    }

    /** The same, reaching {@code s3} through {@code endpoint} (e.g. a {@link HoldingProxy}). */
    public static SessionCluster forJob(Path work, LocalMariaDb mysql, LocalS3 s3, String endpoint)
            throws Exception {
        return new SessionCluster(
                work.resolve("cluster"),
                RepoPaths.root().resolve("job/target/history-lake.jar"),
                Map.of(
                        "MYSQL_PASSWORD",
                        mysql.cdcUser().password(),
                        "FLINK_PLUGINS_DIR",
                        RepoPaths.root().resolve("job/target/plugins").toString()),
                List.of(
                        "s3.endpoint: " + endpoint,
                        "s3.path.style.access: true",
                        "s3.access-key: " + s3.accessKey(),
                        "s3.secret-key: " + s3.secretKey()));
    }

    /** Writes {@code conf/config.yaml} (with the extra {@code config} lines) and the log setup. */
    static void write(Path dir, int restPort, int rpcPort, List<String> config) throws IOException {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(
                dir.resolve("conf/config.yaml"),
                String.join(
                        "\n",
                        "jobmanager.rpc.address: localhost",
                        "jobmanager.rpc.port: " + rpcPort,
                        "jobmanager.bind-host: localhost",
                        "jobmanager.memory.process.size: 900m",
                        "rest.address: localhost",
                        "rest.bind-address: localhost",
                        "rest.port: " + restPort,
                        "taskmanager.host: localhost",
                        "taskmanager.bind-host: localhost",
                        "taskmanager.numberOfTaskSlots: 1",
                        "taskmanager.memory.process.size: 1400m",
                        "heartbeat.interval: 1000",
                        "heartbeat.timeout: 8000",
                        "web.upload.dir: " + dir.resolve("upload"),
                        "io.tmp.dirs: " + dir.resolve("tmp"),
                        "classloader.check-leaked-classloader: false",
                        String.join("\n", config),
                        ""));
        Files.writeString(
                dir.resolve("conf/log4j.properties"),
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = file",
                        "appender.file.type = File",
                        "appender.file.name = file",
                        "appender.file.fileName = ${sys:log.file}",
                        "appender.file.layout.type = PatternLayout",
                        "appender.file.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n",
                        ""));
    }
}
