package io.skygear.gateway.internal.cache;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one connection to the config database that LISTENs on {@value #CHANNEL} (notified by the
 * triggers on the app_config tables) and runs {@code onChange} for every batch of notifications. After
 * the connection breaks it reconnects, and runs {@code onChange} once connected again because changes
 * made meanwhile were not heard.
 */
public final class ConfigChangeListener implements AutoCloseable {

    public static final String CHANNEL = "skygear_app_config";
    private static final Logger LOG = LoggerFactory.getLogger(ConfigChangeListener.class);
    private static final int POLL_MILLIS = 250;

    private final DataSource dataSource;
    private final Runnable onChange;
    private final Duration reconnectDelay;
    private final Thread thread;
    private volatile boolean closed;

    public ConfigChangeListener(DataSource dataSource, Runnable onChange, Duration reconnectDelay) {
        this.dataSource = dataSource;
        this.onChange = onChange;
        this.reconnectDelay = reconnectDelay;
        this.thread = Thread.ofPlatform().daemon().name("skygear-gateway-config-listener").unstarted(this::run);
    }

    public ConfigChangeListener start() {
        thread.start();
        return this;
    }

    private void run() {
        boolean first = true;
        while (!closed) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (Statement statement = c.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                if (!first) {
                    onChange.run();
                }
                first = false;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        onChange.run();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("listening for config changes failed, retrying in {}: {}", reconnectDelay, e.toString());
                first = false;
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(reconnectDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        // the thread sees the flag within one poll and returns its connection itself
        closed = true;
        try {
            thread.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
