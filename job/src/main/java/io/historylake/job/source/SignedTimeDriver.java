package io.historylake.job.source;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.rowset.serial.SerialBlob;

/**
 * The JDBC driver of the capture source's Debezium connections ({@code database.jdbc.driver}):
 * MySQL Connector/J, with the TIME values of snapshot reads made parseable with their sign.
 *
 * <p>Flink CDC reads a TIME column of a snapshot chunk through {@link ResultSet#getBlob} and parses
 * its text with Debezium's {@code MySqlValueConverters.stringToDuration}, which takes the sign from
 * the hours: {@code -00:00:01} becomes +1 s, and no text it accepts means a value between -1 h and
 * 0. This driver hands such values over with {@link SnapshotTimes#SHIFT_HOURS} more hours (outside
 * TIME's range, so never a real value); {@link ValueConversion#MICRO_TIME} takes them off again.
 * Every other call goes to Connector/J unchanged.
 */
public final class SignedTimeDriver implements Driver {

    static {
        // Registered as JDBC drivers are, so that Flink CDC's connection pool finds it by name.
        try {
            java.sql.DriverManager.registerDriver(new SignedTimeDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Driver mysql = new com.mysql.cj.jdbc.Driver();

    public SignedTimeDriver() throws SQLException {}

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        Connection connection = mysql.connect(url, info);
        return connection == null ? null : wrap(Connection.class, connection);
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return mysql.acceptsURL(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return mysql.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return mysql.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return mysql.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return mysql.jdbcCompliant();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return mysql.getParentLogger();
    }

    /**
     * Wraps statements (of any kind) so that the result sets they return are wrapped too; a result
     * set only when it has a TIME column, since every call through a proxy costs a reflective call
     * (a snapshot makes several per row).
     */
    static <T> T wrap(Class<T> type, T target) throws SQLException {
        InvocationHandler handler;
        if (ResultSet.class.equals(type)) {
            boolean[] timeColumns = timeColumns((ResultSet) target);
            if (timeColumns == null) {
                return target;
            }
            handler = new TimeResultSet((ResultSet) target, timeColumns);
        } else {
            handler = new Forwarding(target);
        }
        return type.cast(
                Proxy.newProxyInstance(
                        SignedTimeDriver.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** Which columns (1-based) are TIME; null when none is. */
    private static boolean[] timeColumns(ResultSet rs) throws SQLException {
        var meta = rs.getMetaData();
        boolean[] time = new boolean[meta.getColumnCount() + 1];
        boolean any = false;
        for (int i = 1; i < time.length; i++) {
            time[i] = meta.getColumnType(i) == Types.TIME;
            any |= time[i];
        }
        return any ? time : null;
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Connections and statements: results that are statements or result sets come back wrapped. */
    private static final class Forwarding implements InvocationHandler {
        private final Object target;

        Forwarding(Object target) {
            this.target = target;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object result = SignedTimeDriver.invoke(target, method, args);
            Class returned = method.getReturnType();
            boolean wrapped =
                    result != null
                            && returned.isInterface()
                            && (Statement.class.isAssignableFrom(returned)
                                    || ResultSet.class.equals(returned));
            return wrapped ? wrap(returned, result) : result;
        }
    }

    /** A result set whose TIME blobs carry the shift for negative values above -1 h. */
    private static final class TimeResultSet implements InvocationHandler {
        private final ResultSet target;
        private final boolean[] timeColumns;

        TimeResultSet(ResultSet target, boolean[] timeColumns) {
            this.target = target;
            this.timeColumns = timeColumns;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object result = SignedTimeDriver.invoke(target, method, args);
            if (result == null || !"getBlob".equals(method.getName())) {
                return result;
            }
            int column =
                    args[0] instanceof Integer index ? index : target.findColumn((String) args[0]);
            return isTime(column) ? shifted((Blob) result) : result;
        }

        private boolean isTime(int column) {
            return column > 0 && column < timeColumns.length && timeColumns[column];
        }

        private static Blob shifted(Blob blob) throws SQLException {
            byte[] text = blob.getBytes(1, (int) blob.length());
            byte[] shifted = SnapshotTimes.shiftForParsing(text);
            return shifted == text ? blob : new SerialBlob(shifted);
        }
    }
}
