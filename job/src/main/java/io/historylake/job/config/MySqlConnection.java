package io.historylake.job.config;

import java.io.Serializable;

/** Where and as whom to connect to MySQL; {@link #toString()} never shows the password. */
public record MySqlConnection(String host, int port, String user, String password)
        implements Serializable {

    /** JDBC URL with the settings the checks and the query tools use. */
    public String jdbcUrl() {
        return "jdbc:mysql://"
                + host
                + ":"
                + port
                + "/?useSSL=false&allowPublicKeyRetrieval=true&connectTimeout=10000"
                + "&socketTimeout=60000&tinyInt1isBit=false&zeroDateTimeBehavior=CONVERT_TO_NULL";
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + " (password ****)";
    }
}
