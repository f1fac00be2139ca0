package io.skygear.auth.session;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/** A DataSource that records the SQL of every statement prepared or created on its connections. */
final class CountingDataSource {

    private final List<String> statements = new CopyOnWriteArrayList<>();
    private final DataSource dataSource;

    CountingDataSource(DataSource target) {
        this.dataSource = proxy(DataSource.class, target, (method, args, result) -> result instanceof Connection c
                ? proxy(Connection.class, c, (m, a, r) -> {
                    if (m.getName().startsWith("prepare") || m.getName().equals("createStatement")) {
                        statements.add(a != null && a.length > 0 && a[0] instanceof String sql ? sql : m.getName());
                    }
                    return r;
                })
                : result);
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Statements touching the given table so far (the revocation listener's LISTEN does not count). */
    long statementsOn(String table) {
        return statements.stream().filter(sql -> sql.contains(table)).count();
    }

    /** UPDATE statements of the given table so far. */
    long updatesOf(String table) {
        return statements.stream()
                .filter(sql -> sql.stripLeading().toLowerCase(java.util.Locale.ROOT).startsWith("update") && sql.contains(table))
                .count();
    }

    private interface AfterCall {
        Object apply(Method method, Object[] args, Object result);
    }

    private static <T> T proxy(Class<T> type, T target, AfterCall after) {
        InvocationHandler handler = (p, method, args) -> {
            try {
                return after.apply(method, args, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
