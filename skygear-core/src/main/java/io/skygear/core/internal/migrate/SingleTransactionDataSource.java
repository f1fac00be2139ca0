package io.skygear.core.internal.migrate;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Savepoint;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Hands Flyway one connection that is already inside our transaction, so that a whole module run is
 * one transaction we commit or roll back ourselves (Flyway Community has no dry-run).
 *
 * <p>Every {@code getConnection()} returns the same connection. Its {@code close()} does nothing, and
 * Flyway's transactions become savepoints of ours: {@code setAutoCommit(false)} opens a savepoint,
 * {@code commit()} releases it, {@code rollback()} rolls back to it (so a failed statement does not
 * leave our transaction aborted for the statements Flyway runs after it), {@code setAutoCommit(true)}
 * releases it. Isolation and read-only changes are ignored: they cannot change mid-transaction.
 */
final class SingleTransactionDataSource implements DataSource {

    private final Connection connection;

    /** {@code real} must have auto-commit off; the caller commits or rolls it back and closes it. */
    SingleTransactionDataSource(Connection real) {
        this.connection = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Handler(real));
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public Connection getConnection(String username, String password) {
        return connection;
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // no driver logging through this DataSource
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // the connection is open already
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper for " + type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }

    private static final class Handler implements InvocationHandler {
        private final Connection real;
        private boolean autoCommit = true;
        private Savepoint savepoint;

        Handler(Connection real) {
            this.real = real;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close", "setTransactionIsolation", "setReadOnly" -> {
                    return null;
                }
                case "isClosed" -> {
                    return real.isClosed();
                }
                case "getAutoCommit" -> {
                    return autoCommit;
                }
                case "setAutoCommit" -> {
                    setAutoCommit((Boolean) args[0]);
                    return null;
                }
                case "commit" -> {
                    if (!autoCommit) {
                        real.releaseSavepoint(savepoint);
                        savepoint = real.setSavepoint();
                    }
                    return null;
                }
                case "rollback" -> {
                    if (args == null) {
                        if (!autoCommit) {
                            real.rollback(savepoint);
                        }
                        return null;
                    }
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                default -> {
                    // delegated below
                }
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private void setAutoCommit(boolean on) throws SQLException {
            if (on == autoCommit) {
                return;
            }
            if (on) {
                real.releaseSavepoint(savepoint);
                savepoint = null;
            } else {
                savepoint = real.setSavepoint();
            }
            autoCommit = on;
        }
    }
}
