package io.skygear.auth.internal.hook;

import io.skygear.core.db.Database;
import io.skygear.core.http.SecretMasker;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the after-hook events of {@code _auth_hook_outbox} once their transaction has committed.
 *
 * <p>Each delivery thread claims one due row at a time with {@code FOR UPDATE SKIP LOCKED} and keeps
 * it locked while it POSTs the stored body and signature, so workers on any number of nodes never
 * deliver a row twice while they live; a node that dies mid-delivery releases the row, which is then
 * delivered again (at least once; receivers deduplicate by event id). A 2xx answer settles the row;
 * anything else is retried after {@link OutboxSettings#backoff} until {@code maxAttempts} or
 * {@code maxAge}, then the row is marked {@code dead} and logged at ERROR. Rows are durable: a worker
 * started after a restart delivers what was left pending.
 *
 * <p>Threads wake on the {@code NOTIFY} that {@link HookDispatcher#after} sends at commit (one
 * {@code LISTEN} connection per watched DataSource, so every node hears every commit), on
 * {@link #nudge()}, and every {@code pollInterval}. Delivered and dead rows are purged after
 * {@code retention}.
 */
public final class OutboxWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);

    private final Clock clock;
    private final HookHttp http;
    private final OutboxSettings settings;
    private final List<Database> databases = new CopyOnWriteArrayList<>();
    private final List<OutboxListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final AtomicLong nudges = new AtomicLong();
    private volatile boolean running;
    private Instant nextPurge = Instant.MIN;

    public OutboxWorker(Clock clock, HookHttp http, OutboxSettings settings) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = Objects.requireNonNull(http, "http");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Delivers the outbox rows of {@code db} from now on (idempotent). */
    public void watch(Database db) {
        Objects.requireNonNull(db, "db");
        if (watches(db)) {
            return;
        }
        lock.lock();
        try {
            if (watches(db)) {
                return;
            }
            databases.add(db);
            if (running) {
                listen(db.dataSource());
            }
        } finally {
            lock.unlock();
        }
        nudge();
    }

    private boolean watches(Database db) {
        return databases.stream().anyMatch(d -> d == db);
    }

    /** Starts the delivery threads and the listeners; a no-op when running. */
    public void start() {
        lock.lock();
        try {
            if (running) {
                return;
            }
            running = true;
            for (Database db : databases) {
                listen(db.dataSource());
            }
            for (int i = 0; i < settings.concurrency(); i++) {
                threads.add(Thread.ofPlatform().daemon().name("skygear-hook-outbox-" + i).start(this::run));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the delivery threads now, e.g. after a commit that wrote outbox rows. */
    public void nudge() {
        lock.lock();
        try {
            nudges.incrementAndGet();
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Delivers every row of {@code db} that is due now, on the calling thread (threads of this or
     * other workers may take some of them); returns how many rows this call settled or rescheduled.
     */
    public int deliverDue(Database db) {
        int handled = 0;
        while (deliverOne(db)) {
            handled++;
        }
        return handled;
    }

    /** Deletes delivered and dead rows of {@code db} older than the retention; returns how many. */
    public int purge(Database db) {
        return HookOutbox.purgeSettled(db, clock.instant().minus(settings.retention()));
    }

    /** Stops the threads and listeners; rows being delivered are settled first. */
    @Override
    public void close() {
        lock.lock();
        try {
            running = false;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        listeners.forEach(OutboxListener::close);
        for (Thread t : threads) {
            try {
                t.join(settings.requestTimeout().toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
        listeners.clear();
    }

    /** Claims, delivers and settles one due row; false when none is due. */
    boolean deliverOne(Database db) {
        return db.transactionResult(cfg -> {
            var trx = cfg.dsl();
            var claimed = HookOutbox.claimDue(trx, db, clock.instant());
            if (claimed.isEmpty()) {
                return false;
            }
            HookOutbox.Row row = claimed.get();
            String error = attempt(row);
            Instant now = clock.instant();
            int attempts = row.attempts() + 1;
            if (error == null) {
                HookOutbox.markDelivered(trx, db, row, now);
            } else if (attempts >= settings.maxAttempts() || !now.isBefore(row.createdAt().plus(settings.maxAge()))) {
                HookOutbox.markDead(trx, db, row, attempts, error);
                LOG.error("hook event {} ({}) of app {} to {} given up after {} attempts: {}",
                        row.seq(), row.eventType(), row.appId(), where(row), attempts, error);
            } else {
                Duration wait = settings.backoff(attempts, ThreadLocalRandom.current().nextDouble());
                HookOutbox.markRetry(trx, db, row, now.plus(wait), error);
                LOG.warn("hook event {} ({}) of app {} to {} failed (attempt {}), retry in {} ms: {}",
                        row.seq(), row.eventType(), row.appId(), where(row), attempts, wait.toMillis(), error);
            }
            return true;
        });
    }

    /** Null when delivered, else why not (masked, for the row and the log). */
    private String attempt(HookOutbox.Row row) {
        try {
            HookHttp.Response response = http.post(URI.create(row.url()),
                    row.body().getBytes(java.nio.charset.StandardCharsets.UTF_8), row.signature(), settings.requestTimeout());
            return response.successful() ? null : "HTTP " + response.status();
        } catch (HookDeliveryException | IllegalArgumentException e) {
            return SecretMasker.tokensOnly().mask(e.getMessage());
        }
    }

    private static String where(HookOutbox.Row row) {
        try {
            return HookHttp.describe(URI.create(row.url()));
        } catch (IllegalArgumentException e) {
            return "(invalid URL)";
        }
    }

    private void run() {
        while (running) {
            long seen = nudges.get();
            boolean worked = false;
            boolean purgeDue = purgeDue();
            // one unreachable database must not hold up the others
            for (Database db : databases) {
                try {
                    while (running && deliverOne(db)) {
                        worked = true;
                    }
                    if (purgeDue) {
                        int purged = purge(db);
                        if (purged > 0) {
                            LOG.info("hook outbox: purged {} settled rows of schema {}", purged, db.schema());
                        }
                    }
                } catch (RuntimeException e) {
                    LOG.warn("hook outbox of schema {} unavailable, retrying in {} ms: {}", db.schema(),
                            settings.pollInterval().toMillis(), SecretMasker.tokensOnly().mask(String.valueOf(e.getMessage())));
                }
            }
            if (!worked) {
                await(seen);
            }
        }
    }

    /** True once an hour, for one thread. */
    private boolean purgeDue() {
        lock.lock();
        try {
            Instant now = clock.instant();
            if (now.isBefore(nextPurge)) {
                return false;
            }
            nextPurge = now.plus(Duration.ofHours(1));
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void await(long seen) {
        lock.lock();
        try {
            if (running && nudges.get() == seen) {
                wake.awaitNanos(settings.pollInterval().toNanos());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held. */
    private void listen(DataSource dataSource) {
        if (listeners.stream().anyMatch(l -> l.dataSource() == dataSource)) {
            return;
        }
        OutboxListener listener = new OutboxListener(dataSource, HookOutbox.CHANNEL, settings.pollInterval(), this::nudge);
        listeners.add(listener);
        listener.start();
    }
}
