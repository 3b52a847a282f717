package io.historylake.job.testing;

import io.historylake.job.config.MySqlConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A private MariaDB for a test class, started and stopped with {@code deploy/local/mysql.sh}
 * (temporary datadir, ROW binlog, free port); never a system service or port 3306.
 */
public final class LocalMariaDb implements BeforeAllCallback, AfterAllCallback {

    private Path dir;
    private Map<String, String> env;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("hl-mariadb-");
        env = DeployScript.env(run("start"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (dir != null) {
            run("stop");
        }
    }

    /** Stops the server, keeping its data (for restart tests). */
    public void stopKeepingData() throws Exception {
        run("stop", "--keep");
    }

    /** Starts the server again on the same port and data. */
    public void restart() throws Exception {
        run("start", "--port", env.get("HL_MYSQL_PORT"), "--reuse");
    }

    public int port() {
        return Integer.parseInt(env.get("HL_MYSQL_PORT"));
    }

    /** The least-privilege CDC user the script created. */
    public MySqlConnection cdcUser() {
        return new MySqlConnection(
                "127.0.0.1", port(), env.get("HL_MYSQL_USER"), env.get("HL_MYSQL_PASSWORD"));
    }

    /** A root connection (session time zone UTC). */
    public Connection root() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:mysql://127.0.0.1:"
                        + port()
                        + "/?useSSL=false&allowPublicKeyRetrieval=true&tinyInt1isBit=false"
                        + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
                        + "&allowMultiQueries=true",
                "root",
                "");
    }

    /** Runs statements as root, in order. */
    public void execute(String... statements) throws SQLException {
        try (Connection c = root();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Runs statements as root in one transaction. */
    public void transaction(List<String> statements) throws SQLException {
        try (Connection c = root();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String sql : statements) {
                s.execute(sql);
            }
            c.commit();
        }
    }

    /** The binlog position now: {@code file:pos}. */
    public String masterPosition() throws SQLException {
        try (Connection c = root();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
            rs.next();
            return rs.getString(1) + ":" + rs.getLong(2);
        }
    }

    /** The single number a query returns, e.g. a {@code count(*)}. */
    public long count(String query) throws SQLException {
        try (Connection c = root();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The server's data directory. */
    public Path directory() {
        return dir;
    }

    private String run(String... args) throws IOException, InterruptedException {
        return DeployScript.run("mysql.sh", dir, args[0], List.of(args).subList(1, args.length));
    }

    /** What the server's connections are doing, a line each (for failure messages). */
    public String processList() {
        StringBuilder out = new StringBuilder();
        try (Connection c = root();
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SHOW PROCESSLIST")) {
            while (rs.next()) {
                out.append("\n  ")
                        .append(rs.getString("State"))
                        .append(": ")
                        .append(rs.getString("Info"));
            }
        } catch (SQLException e) {
            out.append(e);
        }
        return out.toString();
    }
}
