package io.skygear.auth.internal.hook;

import io.skygear.auth.internal.metrics.AuthMetrics;
import io.skygear.auth.internal.outbox.OutboxPump;
import io.skygear.core.db.Database;
import io.skygear.core.http.SecretMasker;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the after-hook events of {@code _auth_hook_outbox} once their transaction has committed.
 *
 * <p>Each delivery thread claims one due row of one app at a time with {@code FOR UPDATE SKIP LOCKED}
 * (apps take turns, see {@link OutboxPump}; within an app, oldest first) and keeps
 * it locked while it POSTs the stored body and signature, so workers on any number of nodes never
 * deliver a row twice while they live; a node that dies mid-delivery releases the row, which is then
 * delivered again (at least once; receivers deduplicate by event id). A 2xx answer settles the row;
 * anything else is retried after {@link OutboxSettings#backoff} until {@code maxAttempts} or
 * {@code maxAge}, then the row is marked {@code dead} and logged at ERROR. Rows are durable: a worker
 * started after a restart delivers what was left pending.
 *
 * <p>The {@link OutboxPump} threads wake on the {@code NOTIFY} that {@link HookDispatcher#after}
 * sends at commit, on {@link #nudge()}, and every {@code pollInterval}. Delivered and dead rows are
 * purged after {@code retention}.
 */
public final class OutboxWorker extends OutboxPump {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);

    private final HookHttp http;
    private final AuthMetrics metrics;

    public OutboxWorker(Clock clock, HookHttp http, OutboxSettings settings) {
        this(clock, http, settings, AuthMetrics.none());
    }

    public OutboxWorker(Clock clock, HookHttp http, OutboxSettings settings, AuthMetrics metrics) {
        super("hook outbox", HookOutbox.TABLE.name(), clock, settings);
        this.http = Objects.requireNonNull(http, "http");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Deletes delivered and dead rows of {@code db} older than the retention; returns how many. */
    @Override
    public int purge(Database db) {
        return HookOutbox.purgeSettled(db, purgeCutoff());
    }

    @Override
    protected List<String> dueApps(Database db) {
        return HookOutbox.dueApps(db, clock.instant());
    }

    /** Claims, delivers and settles one due row of {@code appId}; false when none is due. */
    @Override
    protected boolean deliverOne(Database db, String appId) {
        return db.transactionResult(cfg -> {
            var trx = cfg.dsl();
            var claimed = HookOutbox.claimDue(trx, db, appId, clock.instant());
            if (claimed.isEmpty()) {
                return false;
            }
            HookOutbox.Row row = claimed.get();
            String error = attempt(row);
            Instant now = clock.instant();
            int attempts = row.attempts() + 1;
            if (error == null) {
                HookOutbox.markDelivered(trx, db, row, now);
                metrics.hookDelivery(AuthMetrics.Delivery.DELIVERED, Duration.between(row.createdAt(), now));
            } else if (settings.exhausted(attempts, row.createdAt(), now)) {
                HookOutbox.markDead(trx, db, row, attempts, error);
                metrics.hookDelivery(AuthMetrics.Delivery.FAILED, Duration.ZERO);
                LOG.error("hook event {} ({}) of app {} to {} given up after {} attempts: {}",
                        row.seq(), row.eventType(), row.appId(), where(row), attempts, error);
            } else {
                Duration wait = settings.backoff(attempts, ThreadLocalRandom.current().nextDouble());
                HookOutbox.markRetry(trx, db, row, now.plus(wait), error);
                metrics.hookDelivery(AuthMetrics.Delivery.RETRIED, Duration.ZERO);
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
}
