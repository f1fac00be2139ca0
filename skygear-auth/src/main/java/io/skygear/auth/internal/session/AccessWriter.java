package io.skygear.auth.internal.session;

import io.skygear.core.db.Database;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes session accesses ({@code accessed_at}, {@code last_access}, {@code expire_at}) off the request
 * thread, on one daemon thread. Best effort by design: when the queue is full or a write fails the
 * access is dropped (the next one after the throttle interval carries the newer time anyway).
 */
final class AccessWriter implements AutoCloseable {

    private static final int QUEUE_CAPACITY = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(AccessWriter.class);

    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY),
            Thread.ofPlatform().daemon().name("skygear-session-access-writer").factory(),
            new ThreadPoolExecutor.DiscardPolicy());

    void write(Database db, Session session, Instant expireAt) {
        executor.execute(() -> {
            try {
                new SessionStore(db.tenant(session.appId()))
                        .updateAccess(session.id(), session.accessTokenHash(), session.lastAccess(), expireAt);
            } catch (RuntimeException e) {
                LOG.debug("session access not recorded: {}", e.toString());
            }
        });
    }

    /** Runs the queued writes (up to a few seconds), then stops. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
