package io.historylake.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The local MariaDB that {@code deploy/local/mysql.sh} started, from its {@code HL_MYSQL_*} env.
 */
record Db(String host, int port, String cdcUser, String cdcPassword) {

    static Db fromEnv(Map<String, String> env) {
        String port = env.get("HL_MYSQL_PORT");
        if (port == null) {
            throw new IllegalStateException(
                    "HL_MYSQL_PORT is not set: start the database with deploy/local/mysql.sh start"
                            + " and export its env file (bench/run.sh does both)");
        }
        return new Db(
                env.getOrDefault("HL_MYSQL_HOST", "127.0.0.1"),
                Integer.parseInt(port),
                env.getOrDefault("HL_MYSQL_USER", "history_lake"),
                env.getOrDefault("HL_MYSQL_PASSWORD", "history-lake-cdc"));
    }

    Connection root() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:mysql://"
                        + host
                        + ":"
                        + port
                        + "/?user=root&useSSL=false&allowPublicKeyRetrieval=true"
                        + "&rewriteBatchedStatements=true",
                "root",
                "");
    }

    void execute(String... statements) throws SQLException {
        try (Connection c = root();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = root();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The binlog position now, as {@code file:pos}. */
    String position() throws SQLException {
        try (Connection c = root();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
            rs.next();
            return rs.getString(1) + ":" + rs.getLong(2);
        }
    }
}
