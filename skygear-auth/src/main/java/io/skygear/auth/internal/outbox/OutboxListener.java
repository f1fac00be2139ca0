package io.skygear.auth.internal.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one connection of a DataSource in {@code LISTEN <channel>} and runs {@code onNotify} for
 * every notification, so that a commit on any node wakes this node's outbox worker at once. Lost
 * connections are re-opened after {@code interval}; the worker polls meanwhile, so nothing is missed.
 */
final class OutboxListener {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxListener.class);

    static final Duration MAX_WAIT = Duration.ofMillis(500);

    private final DataSource dataSource;
    private final String channel;
    private final Duration interval;
    private final Runnable onNotify;
    private volatile boolean running = true;
    private final CountDownLatch listening = new CountDownLatch(1);
    private Thread thread;

    OutboxListener(DataSource dataSource, String channel, Duration interval, Runnable onNotify) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.interval = interval;
        this.onNotify = onNotify;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Starts listening; returns once {@code LISTEN} is in place (or after a few seconds when the
     * database is unreachable), so that commits from then on wake the worker.
     */
    public void start() {
        thread = Thread.ofPlatform().daemon().name("skygear-hook-outbox-listener").start(this::run);
        try {
            listening.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops listening within {@link #MAX_WAIT}; the connection goes back to its pool. */
    public void close() {
        running = false;
        if (thread != null) {
            try {
                thread.join(MAX_WAIT.toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        // short waits, so that close() never has to pull the connection from under a blocked read
        int waitMillis = (int) Math.max(1, Math.min(MAX_WAIT.toMillis(), interval.toMillis()));
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                try (Statement s = c.createStatement()) {
                    // channel is our constant, not user input
                    s.execute("LISTEN " + channel);
                }
                listening.countDown();
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(waitMillis);
                    if (notifications != null && notifications.length > 0) {
                        onNotify.run();
                    }
                }
                // a pooled connection must not keep collecting notifications for its next borrower
                try (Statement s = c.createStatement()) {
                    s.execute("UNLISTEN *");
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.debug("hook outbox listener lost its connection; polling until it is back", e);
                    sleep(waitMillis);
                }
            }
        }
    }

    private void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
