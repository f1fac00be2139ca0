package io.skygear.auth.internal.message;

import io.skygear.auth.internal.audit.AuditEvent;
import io.skygear.auth.internal.audit.AuditEventType;
import io.skygear.auth.internal.audit.AuditOrigin;
import io.skygear.auth.internal.audit.AuditTrail;
import io.skygear.auth.internal.hook.OutboxSettings;
import io.skygear.auth.internal.metrics.AuthMetrics;
import io.skygear.auth.internal.outbox.OutboxPump;
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
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Sends the rows of {@code _auth_message_outbox} once their transaction has committed.
 *
 * <p>A delivery thread claims one due row of one known app at a time with {@code FOR UPDATE SKIP
 * LOCKED} (apps take turns, see {@link OutboxPump}; within an app, oldest first) and keeps it
 * locked while it sends and settles it, so workers on any number of nodes never send a row twice
 * while they live (a node that dies between the provider's acceptance and the commit of "sent" would
 * send it again on recovery). A failure that a retry may cure is retried after
 * {@link OutboxSettings#backoff} until {@code maxAttempts} or {@code maxAge}; a failure that cannot be
 * cured (no configuration, a refused address) or the last retry marks the row {@code dead}: logged at
 * ERROR and recorded in the audit trail as {@code send_message_failed}. Every failed attempt is
 * logged at WARN with the recipient masked. Rows survive restarts.
 *
 * <p>The {@link OutboxPump} threads wake on the commit-time {@code NOTIFY} of {@link Messenger}, on
 * {@link #nudge()}, and every {@code pollInterval}.
 */
public final class MessageWorker extends OutboxPump {

    private static final Logger LOG = LoggerFactory.getLogger(MessageWorker.class);

    private final MailSender mail;
    private final SmsSender sms;
    private final AuditTrail audit;
    private final KnownTenants tenants;
    private final AuthMetrics metrics;

    MessageWorker(Clock clock, MailSender mail, SmsSender sms, AuditTrail audit, OutboxSettings settings,
                  KnownTenants tenants, AuthMetrics metrics) {
        super("message outbox", MessageOutbox.TABLE.name(), clock, settings);
        this.mail = Objects.requireNonNull(mail, "mail");
        this.sms = Objects.requireNonNull(sms, "sms");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Deletes sent and dead rows of {@code db} older than the retention; returns how many. */
    @Override
    public int purge(Database db) {
        return MessageOutbox.purgeSettled(db, purgeCutoff());
    }

    @Override
    protected List<String> dueApps(Database db) {
        return MessageOutbox.dueApps(db, tenants.appIds(), clock.instant());
    }

    /** Claims, sends and settles one due row of {@code appId}; false when none is due. */
    @Override
    protected boolean deliverOne(Database db, String appId) {
        return db.transactionResult(cfg -> {
            DSLContext trx = cfg.dsl();
            Optional<MessageOutbox.Row> claimed = MessageOutbox.claimDue(trx, db, appId, clock.instant());
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
                metrics.message(row.channel(), AuthMetrics.Delivery.DELIVERED);
                LOG.info("{} {} ({}) of app {} sent to {}", row.channel(), row.id(), row.purpose(), row.appId(), to);
                return true;
            }
            String error = SecretMasker.of(tenant.config().secrets()).mask(String.valueOf(failure.getMessage()));
            if (!failure.retryable() || settings.exhausted(attempts, row.createdAt(), now)) {
                MessageOutbox.markDead(trx, db, row, error);
                metrics.message(row.channel(), AuthMetrics.Delivery.FAILED);
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
                metrics.message(row.channel(), AuthMetrics.Delivery.RETRIED);
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
}
