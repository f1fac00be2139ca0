package io.skygear.auth.internal.outbox;

import io.skygear.auth.internal.hook.OutboxSettings;
import io.skygear.core.db.Database;
import io.skygear.core.http.SecretMasker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machinery every outbox worker shares: the known databases, one {@code LISTEN} connection per
 * DataSource, the delivery threads, their wake-ups and the hourly purge. What a row means (which apps
 * have due rows, claiming, delivering and settling one) belongs to the subclass: {@link #dueApps},
 * {@link #deliverOne} and {@link #purge}.
 *
 * <p>Rows are delivered in rounds: each round takes the apps with due rows and delivers up to
 * {@value #BURST} rows of each in turn, so that one app's backlog does not hold up the others' rows.
 *
 * <p>Threads wake on a {@code NOTIFY} on the outbox's channel (so every node hears every commit), on
 * {@link #nudge()}, and every {@code pollInterval}. One unreachable database does not hold up the
 * others: it is logged and tried again on the next round.
 */
public abstract class OutboxPump implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxPump.class);

    /** Rows of one app per round: enough to amortize the round's app query, few enough to be fair. */
    static final int BURST = 8;

    private final String label;
    private final String channel;
    protected final Clock clock;
    protected final OutboxSettings settings;
    private final List<Database> databases = new CopyOnWriteArrayList<>();
    private final List<OutboxListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final AtomicLong nudges = new AtomicLong();
    private volatile boolean running;
    private Instant nextPurge = Instant.MIN;

    /**
     * @param label   names the outbox in logs and thread names, e.g. {@code "hook outbox"}
     * @param channel the {@code NOTIFY} channel its commits signal on
     */
    protected OutboxPump(String label, String channel, Clock clock, OutboxSettings settings) {
        this.label = Objects.requireNonNull(label, "label");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Delivers the rows of {@code db} from now on (idempotent). */
    public final void watch(Database db) {
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
    public final void start() {
        lock.lock();
        try {
            if (running) {
                return;
            }
            running = true;
            for (Database db : databases) {
                listen(db.dataSource());
            }
            String prefix = "skygear-" + label.replace(' ', '-') + "-";
            for (int i = 0; i < settings.concurrency(); i++) {
                threads.add(Thread.ofPlatform().daemon().name(prefix + i).start(this::run));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the delivery threads now, e.g. after a commit that wrote outbox rows. */
    public final void nudge() {
        lock.lock();
        try {
            nudges.incrementAndGet();
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Delivers every row of {@code db} that is due now, on the calling thread (other threads may take
     * some of them); returns how many rows this call settled or rescheduled.
     */
    public final int deliverDue(Database db) {
        int handled = 0;
        int round;
        do {
            round = deliverRound(db, () -> true);
            handled += round;
        } while (round > 0);
        return handled;
    }

    /** One round over {@code db} while {@code go} holds; returns how many rows it handled. */
    private int deliverRound(Database db, BooleanSupplier go) {
        int handled = 0;
        for (String appId : dueApps(db)) {
            for (int i = 0; i < BURST && go.getAsBoolean() && deliverOne(db, appId); i++) {
                handled++;
            }
        }
        return handled;
    }

    /** The apps of {@code db} with due rows this worker may deliver, the longest-waiting first. */
    protected abstract List<String> dueApps(Database db);

    /**
     * Claims, delivers and settles one due row of {@code appId} in {@code db} in one transaction; false
     * when none is due (any more).
     */
    protected abstract boolean deliverOne(Database db, String appId);

    /** Deletes the settled rows of {@code db} created before {@link #purgeCutoff()}; returns how many. */
    public abstract int purge(Database db);

    /** The cutoff before which settled rows are purged. */
    protected final Instant purgeCutoff() {
        return clock.instant().minus(settings.retention());
    }

    /** Stops the threads and listeners; rows being delivered are settled first. */
    @Override
    public final void close() {
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

    private void run() {
        while (running) {
            long seen = nudges.get();
            boolean worked = false;
            boolean purgeDue = purgeDue();
            // one unreachable database must not hold up the others
            for (Database db : databases) {
                try {
                    while (running && deliverRound(db, () -> running) > 0) {
                        worked = true;
                    }
                    if (purgeDue) {
                        int purged = purge(db);
                        if (purged > 0) {
                            LOG.info("{}: purged {} settled rows of schema {}", label, purged, db.schema());
                        }
                    }
                } catch (RuntimeException e) {
                    LOG.warn("{} of schema {} unavailable, retrying in {} ms: {}", label, db.schema(),
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
        OutboxListener listener = new OutboxListener(dataSource, channel, settings.pollInterval(), this::nudge);
        listeners.add(listener);
        listener.start();
    }
}
