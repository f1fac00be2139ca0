package io.skygear.auth.internal.message;

import io.skygear.auth.internal.audit.AuditEvent;
import io.skygear.auth.internal.audit.AuditEventType;
import io.skygear.auth.internal.audit.AuditOrigin;
import io.skygear.auth.internal.audit.AuditTrail;
import io.skygear.auth.internal.hook.OutboxListener;
import io.skygear.auth.internal.hook.OutboxSettings;
import io.skygear.core.config.UserConfig;
import io.skygear.core.db.Database;
import io.skygear.core.http.Json;
import io.skygear.core.http.SecretMasker;
import io.skygear.core.message.MailMessage;
import io.skygear.core.message.MailSender;
import io.skygear.core.message.MessageException;
import io.skygear.core.message.SmsMessage;
import io.skygear.core.message.SmsSender;
import io.skygear.core.tenant.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Sends the rows of {@code _auth_message_outbox} once their transaction has committed.
 *
 * <p>A delivery thread claims one due row at a time with {@code FOR UPDATE SKIP LOCKED} and keeps it
 * locked while it sends and settles it, so workers on any number of nodes never send a row twice
 * while they live (a node that dies between the provider's acceptance and the commit of "sent" would
 * send it again on recovery). A failure that a retry may cure is retried after
 * {@link OutboxSettings#backoff} until {@code maxAttempts} or {@code maxAge}; a failure that cannot be
 * cured (no configuration, a refused address) or the last retry marks the row {@code dead}: logged at
 * ERROR and recorded in the audit trail as {@code send_message_failed}. Every failed attempt is
 * logged at WARN with the recipient masked. Rows survive restarts.
 *
 * <p>Threads wake on the commit-time {@code NOTIFY} of {@link Messenger}, on {@link #nudge()}, and
 * every {@code pollInterval}.
 */
public final class MessageWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MessageWorker.class);

    private final Clock clock;
    private final MailSender mail;
    private final SmsSender sms;
    private final AuditTrail audit;
    private final OutboxSettings settings;
    private final KnownTenants tenants;
    private final List<Database> databases = new CopyOnWriteArrayList<>();
    private final List<OutboxListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final AtomicLong nudges = new AtomicLong();
    private volatile boolean running;
    private Instant nextPurge = Instant.MIN;

    MessageWorker(Clock clock, MailSender mail, SmsSender sms, AuditTrail audit, OutboxSettings settings,
                  KnownTenants tenants) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.mail = Objects.requireNonNull(mail, "mail");
        this.sms = Objects.requireNonNull(sms, "sms");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
    }

    /** Sends the outbox rows of {@code db} from now on (idempotent). */
    public void watch(Database db) {
        if (databases.stream().anyMatch(d -> d == db)) {
            return;
        }
        lock.lock();
        try {
            if (databases.stream().noneMatch(d -> d == db)) {
                databases.add(db);
                if (running) {
                    listen(db);
                }
            }
        } finally {
            lock.unlock();
        }
        nudge();
    }

    /** Starts the delivery threads and listeners; a no-op when running. */
    public void start() {
        lock.lock();
        try {
            if (running) {
                return;
            }
            running = true;
            databases.forEach(this::listen);
            for (int i = 0; i < settings.concurrency(); i++) {
                threads.add(Thread.ofPlatform().daemon().name("skygear-message-outbox-" + i).start(this::run));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the delivery threads now. */
    public void nudge() {
        lock.lock();
        try {
            nudges.incrementAndGet();
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Sends every row of {@code db} that is due now on the calling thread; returns how many it settled or rescheduled. */
    public int deliverDue(Database db) {
        int handled = 0;
        while (deliverOne(db)) {
            handled++;
        }
        return handled;
    }

    /** Stops the threads and listeners; a message being sent is settled first. */
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

    /** Claims, sends and settles one due row; false when none is due. */
    boolean deliverOne(Database db) {
        return db.transactionResult(cfg -> {
            DSLContext trx = cfg.dsl();
            Optional<MessageOutbox.Row> claimed = MessageOutbox.claimDue(trx, db, tenants.appIds(), clock.instant());
            if (claimed.isEmpty()) {
                return false;
            }
            MessageOutbox.Row row = claimed.get();
            TenantContext tenant = tenants.find(row.appId()).orElseThrow();
            MessageException failure = attempt(tenant, row);
            Instant now = clock.instant();
            int attempts = row.attempts() + 1;
            String to = mask(row);
            if (failure == null) {
                MessageOutbox.markSent(trx, db, row, now);
                LOG.info("{} {} ({}) of app {} sent to {}", row.channel(), row.id(), row.purpose(), row.appId(), to);
                return true;
            }
            String error = SecretMasker.of(tenant.config().secrets()).mask(String.valueOf(failure.getMessage()));
            if (!failure.retryable() || attempts >= settings.maxAttempts()
                    || !now.isBefore(row.createdAt().plus(settings.maxAge()))) {
                MessageOutbox.markDead(trx, db, row, error);
                LOG.error("{} {} ({}) of app {} to {} given up after {} attempts: {}",
                        row.channel(), row.id(), row.purpose(), row.appId(), to, attempts, error);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("channel", row.channel());
                data.put("purpose", row.purpose());
                data.put("recipient", to);
                data.put("attempts", attempts);
                data.put("error", error);
                audit.record(tenant, trx, new AuditEvent(AuditEventType.SEND_MESSAGE_FAILED, row.userId(),
                        Optional.empty(), data, AuditOrigin.NONE));
            } else {
                Duration wait = settings.backoff(attempts, ThreadLocalRandom.current().nextDouble());
                MessageOutbox.markRetry(trx, db, row, now.plus(wait), error);
                LOG.warn("{} {} ({}) of app {} to {} failed (attempt {}), retry in {} ms: {}",
                        row.channel(), row.id(), row.purpose(), row.appId(), to, attempts, wait.toMillis(), error);
            }
            return true;
        });
    }

    /** Null when sent, else why not. */
    private MessageException attempt(TenantContext tenant, MessageOutbox.Row row) {
        UserConfig config = tenant.config().userConfig();
        try {
            JsonNode p = Json.mapper().readTree(row.payload());
            if (MessageOutbox.EMAIL.equals(row.channel())) {
                mail.send(config.smtp(), new MailMessage(p.path("from").asString(""), p.path("to").asString(""),
                        p.path("subject").asString(""), optional(p, "reply_to"), p.path("text").asString(""),
                        optional(p, "html")));
            } else {
                sms.send(config.twilio(), config.nexmo(), new SmsMessage(p.path("to").asString(""), p.path("body").asString("")));
            }
            return null;
        } catch (MessageException e) {
            return e;
        } catch (IllegalArgumentException e) {
            return new MessageException(e.getMessage(), false, e);
        } catch (RuntimeException e) {
            LOG.warn("{} {} of app {}: unexpected failure", row.channel(), row.id(), row.appId(), e);
            return new MessageException("unexpected failure: " + e, true, e);
        }
    }

    private static Optional<String> optional(JsonNode payload, String field) {
        JsonNode value = payload.path(field);
        return value.isString() ? Optional.of(value.asString()) : Optional.empty();
    }

    private static String mask(MessageOutbox.Row row) {
        return MessageOutbox.EMAIL.equals(row.channel()) ? Recipients.maskEmail(row.recipient())
                : Recipients.maskPhone(row.recipient());
    }

    private void run() {
        while (running) {
            long seen = nudges.get();
            boolean worked = false;
            boolean purgeDue = purgeDue();
            for (Database db : databases) {
                try {
                    while (running && deliverOne(db)) {
                        worked = true;
                    }
                    if (purgeDue) {
                        MessageOutbox.purgeSettled(db, clock.instant().minus(settings.retention()));
                    }
                } catch (RuntimeException e) {
                    LOG.warn("message outbox of schema {} unavailable, retrying in {} ms: {}", db.schema(),
                            settings.pollInterval().toMillis(), SecretMasker.tokensOnly().mask(String.valueOf(e.getMessage())));
                }
            }
            if (!worked) {
                await(seen);
            }
        }
    }

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
    private void listen(Database db) {
        if (listeners.stream().anyMatch(l -> l.dataSource() == db.dataSource())) {
            return;
        }
        OutboxListener listener = new OutboxListener(db.dataSource(), MessageOutbox.CHANNEL, settings.pollInterval(), this::nudge);
        listeners.add(listener);
        listener.start();
    }
}
