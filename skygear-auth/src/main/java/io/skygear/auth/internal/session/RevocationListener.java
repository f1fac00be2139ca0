package io.skygear.auth.internal.session;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on {@value #CHANNEL} of one database and evicts the sessions named by each notification
 * ({@code <app_id>:<session_id>}) from the cache, so that a revocation on any node reaches this one
 * within one second of its commit.
 *
 * <p>One daemon thread holds a dedicated connection of the database's pool (one connection less for
 * requests) and polls {@link PGConnection#getNotifications(int)}. When the connection fails it reconnects
 * with exponential backoff ({@value #MIN_BACKOFF_MILLIS} ms to {@value #MAX_BACKOFF_MILLIS} ms); until it
 * listens again {@link #isListening()} is false, which makes the cache go to the database, and on
 * reconnect the whole cache is flushed because notifications may have been missed. A keepalive (the
 * idempotent {@code LISTEN} again every {@value #KEEPALIVE_MILLIS} ms) detects connections that died
 * silently.
 */
final class RevocationListener implements AutoCloseable {

    static final String CHANNEL = "skygear_session_revoked";
    private static final String LISTEN = "LISTEN " + CHANNEL;
    static final long MIN_BACKOFF_MILLIS = 100;
    static final long MAX_BACKOFF_MILLIS = 5_000;
    static final long KEEPALIVE_MILLIS = 10_000;
    private static final int POLL_MILLIS = 250;
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final Logger LOG = LoggerFactory.getLogger(RevocationListener.class);

    private final DataSource dataSource;
    private final SessionCache cache;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean listening;

    RevocationListener(DataSource dataSource, SessionCache cache) {
        this.dataSource = dataSource;
        this.cache = cache;
        this.thread = Thread.ofPlatform().daemon().name("skygear-session-listener-" + THREADS.incrementAndGet())
                .unstarted(this::run);
    }

    RevocationListener start() {
        thread.start();
        return this;
    }

    /** Whether notifications are being received right now (cache entries of this database are usable). */
    boolean isListening() {
        return listening;
    }

    /** Stops the thread and returns its connection; waits at most about one poll. */
    @Override
    public void close() {
        running = false;
        // cuts a reconnect backoff short
        thread.interrupt();
        try {
            thread.join(Duration.ofMillis(POLL_MILLIS * 4L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long backoff = MIN_BACKOFF_MILLIS;
        boolean failing = false;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
                dsl.execute(LISTEN);
                PGConnection pg = connection.unwrap(PGConnection.class);
                cache.flush();
                listening = true;
                if (failing) {
                    LOG.info("session revocation listener reconnected; session cache flushed");
                    failing = false;
                }
                backoff = MIN_BACKOFF_MILLIS;
                listen(pg, dsl);
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running) {
                    break;
                }
                if (!failing) {
                    LOG.warn("session revocation listener lost its connection; the session cache is bypassed "
                            + "until it reconnects: {}", e.toString());
                    failing = true;
                }
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            } finally {
                listening = false;
            }
        }
    }

    private void listen(PGConnection pg, DSLContext dsl) throws SQLException {
        long keepaliveAt = System.nanoTime() + KEEPALIVE_MILLIS * 1_000_000;
        while (running) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null) {
                for (PGNotification n : notifications) {
                    evict(n.getName(), n.getParameter());
                }
            }
            if (System.nanoTime() - keepaliveAt >= 0) {
                dsl.execute(LISTEN);
                keepaliveAt = System.nanoTime() + KEEPALIVE_MILLIS * 1_000_000;
            }
        }
    }

    private void evict(String channel, String payload) {
        int colon = payload == null ? -1 : payload.lastIndexOf(':');
        if (!CHANNEL.equals(channel) || colon <= 0) {
            return;
        }
        cache.evictSession(payload.substring(0, colon), payload.substring(colon + 1));
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
