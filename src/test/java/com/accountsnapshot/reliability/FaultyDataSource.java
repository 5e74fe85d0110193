package com.accountsnapshot.reliability;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Wraps the application's DataSource: tells {@link Faults} which backend each thread's connections are and
 * which statement is about to run, and refuses connections to a thread that has crashed.
 */
final class FaultyDataSource {

    private FaultyDataSource() {
    }

    static DataSource wrap(DataSource target, Supplier<Faults> faults) {
        return proxy(DataSource.class, target, (method, args, invoke) -> {
            if (!method.startsWith("getConnection")) {
                return invoke.call();
            }
            if (faults.get().isDead(Thread.currentThread())) {
                throw new SQLException("simulated crash: this thread's process is dead", "08006");
            }
            Connection connection = (Connection) invoke.call();
            int pid = connection.unwrap(PGConnection.class).getBackendPID();
            faults.get().connectionTaken(pid);
            return connection(connection, pid, faults, target);
        });
    }

    private static Connection connection(Connection target, int pid, Supplier<Faults> faults, DataSource pool) {
        return proxy(Connection.class, target, (method, args, invoke) -> {
            if (method.equals("close")) {
                faults.get().connectionReleased(pid);
                if (faults.get().isDead(Thread.currentThread()) && pool instanceof HikariDataSource hikari) {
                    // a dead process's connections do not go back to a pool
                    hikari.evictConnection(target);
                    return null;
                }
                return invoke.call();
            }
            Object result = invoke.call();
            if (result instanceof BaseConnection driverConnection) {
                // the driver's own connection, unwrapped for a COPY: its COPY statements are statements too
                CopyManager copies = new CopyManager(driverConnection) {
                    @Override
                    public CopyIn copyIn(String sql) throws SQLException {
                        faults.get().beforeStatement(sql);
                        return super.copyIn(sql);
                    }
                };
                return proxy(PGConnection.class, driverConnection, (called, calledArgs, call) -> {
                    Object returned = call.call();
                    return returned instanceof CopyManager ? copies : returned;
                });
            }
            if (result instanceof CallableStatement) {
                return result;
            }
            if (result instanceof PreparedStatement statement) {
                String sql = (String) args[0];
                return proxy(PreparedStatement.class, statement, statementHook(sql, faults));
            }
            if (result instanceof Statement statement) {
                return proxy(Statement.class, statement, statementHook(null, faults));
            }
            return result;
        });
    }

    private static Handler statementHook(@Nullable String preparedSql, Supplier<Faults> faults) {
        return (method, args, invoke) -> {
            if (method.startsWith("execute")) {
                String sql = (args != null && args.length > 0 && args[0] instanceof String text) ? text : preparedSql;
                faults.get().beforeStatement(sql);
            }
            return invoke.call();
        };
    }

    @FunctionalInterface
    private interface Invocation {
        Object call() throws Throwable;
    }

    @FunctionalInterface
    private interface Handler {
        Object handle(String method, Object @Nullable [] args, Invocation invoke) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Handler handler) {
        return (T) Proxy.newProxyInstance(FaultyDataSource.class.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> handler.handle(method.getName(), args, () -> {
                    try {
                        return method.invoke(target, args);
                    }
                    catch (InvocationTargetException ex) {
                        throw ex.getTargetException();
                    }
                }));
    }
}
