package io.skygear.core.internal.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Tells a lost or unreachable database apart from a bug: the connection was cut (PostgreSQL restarting,
 * a failover, a network break) or none could be had in time (the pool's connection timeout). Such a
 * request may succeed when retried, so it is answered 503 with {@code Retry-After} instead of 500.
 */
public final class DatabaseOutage {

    /** PostgreSQL's admin_shutdown, crash_shutdown, cannot_connect_now and too_many_connections. */
    private static final Set<String> OUTAGE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseOutage() {}

    /** Whether {@code error} or any of its causes says the database was unreachable. */
    public static boolean isOutage(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && isOutageState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOutageState(String sqlState) {
        // class 08: connection exception (refused, broken, failure during the transaction)
        return sqlState != null && (sqlState.startsWith("08") || OUTAGE_STATES.contains(sqlState));
    }
}
