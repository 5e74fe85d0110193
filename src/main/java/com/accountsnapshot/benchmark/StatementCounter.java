package com.accountsnapshot.benchmark;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;
import org.postgresql.core.BaseConnection;

/**
 * Counts the SQL statements executed through a wrapped {@link DataSource}, as the driver is asked to execute
 * them ({@code execute}, {@code executeQuery}, {@code executeUpdate}, {@code executeBatch}: a JDBC batch is one
 * statement; a {@code COPY} through the driver's {@link CopyManager} is one too). Statements on Spring Batch's own tables ({@code batch_*}) are left out, so the count is the
 * product's work, not its job repository's. Thread-safe: a partitioned run's threads share one.
 */
public final class StatementCounter {

    private final AtomicLong count = new AtomicLong();

    public long count() {
        return count.get();
    }

    public void reset() {
        count.set(0);
    }

    public DataSource wrap(DataSource target) {
        return proxy(DataSource.class, target, (result, sql) -> result instanceof Connection connection
                ? proxy(Connection.class, connection, this::wrapStatement) : result);
    }

    private Object wrapStatement(Object result, @Nullable String sql) throws SQLException {
        if (result instanceof BaseConnection driverConnection) {
            CopyManager copies = countingCopies(driverConnection);
            return proxy(PGConnection.class, driverConnection,
                    (returned, ignored) -> returned instanceof CopyManager ? copies : returned);
        }
        if (result instanceof PreparedStatement statement) {
            return proxy(PreparedStatement.class, statement, counting(sql));
        }
        if (result instanceof Statement statement) {
            return proxy(Statement.class, statement, counting(null));
        }
        return result;
    }

    /** The driver's COPY, each {@code COPY ... FROM STDIN} or {@code TO STDOUT} counted as one statement. */
    private CopyManager countingCopies(BaseConnection connection) throws SQLException {
        return new CopyManager(connection) {
            @Override
            public CopyIn copyIn(String sql) throws SQLException {
                count.incrementAndGet();
                return super.copyIn(sql);
            }

            @Override
            public CopyOut copyOut(String sql) throws SQLException {
                count.incrementAndGet();
                return super.copyOut(sql);
            }
        };
    }

    /** Counts the executions of a statement prepared with {@code preparedSql} (or given its SQL when executed). */
    private Interception counting(@Nullable String preparedSql) {
        return new Interception() {
            @Override
            public Object after(Object result, @Nullable String sql) {
                return result;
            }

            @Override
            public void before(String method, @Nullable String sql) {
                String text = sql != null ? sql : preparedSql;
                if (method.startsWith("execute") && text != null
                        && !text.toLowerCase(Locale.ROOT).contains("batch_")) {
                    count.incrementAndGet();
                }
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Interception interception) {
        return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> {
                    String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : null;
                    interception.before(method.getName(), sql);
                    try {
                        return interception.after(method.invoke(target, args), sql);
                    }
                    catch (InvocationTargetException ex) {
                        throw ex.getTargetException();
                    }
                });
    }

    /** What a proxy does around each call: wraps what it returns, and may look at it before. */
    private interface Interception {

        Object after(Object result, @Nullable String sql) throws SQLException;

        default void before(String method, @Nullable String sql) {
        }
    }
}
