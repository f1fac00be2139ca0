package io.skygear.auth.internal.message;

import io.skygear.auth.internal.audit.AuditTrail;
import io.skygear.auth.internal.hook.OutboxSettings;
import io.skygear.auth.internal.metrics.AuthMetrics;
import io.skygear.core.db.Database;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.http.Json;
import io.skygear.core.message.MailSender;
import io.skygear.core.message.SmsSender;
import io.skygear.core.template.TemplateEngine;
import io.skygear.core.template.TemplateSpec;
import io.skygear.core.tenant.TenantContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;

/**
 * THE way an auth feature sends an e-mail or SMS (deviation 5): {@link #sendEmail} and {@link #sendSms}
 * render the templates now (the tenant's {@code template_items} override the built-in defaults) and
 * write the message into {@code _auth_message_outbox} in the caller's transaction; the
 * {@link MessageWorker} sends it once that transaction has committed, with retries, and logs and
 * audits what it gives up. Rolled back, nothing is sent; committed, it is sent once.
 *
 * <pre>{@code
 * services.messenger().sendSms(tenant, trx,
 *         Sms.of("mfa_oob_code", userId, phone, AuthTemplates.MFA_OOB_CODE_SMS_TXT, Map.of("code", code)));
 * }</pre>
 *
 * Thread-safe; one per {@code AuthGear}, which starts and stops its worker.
 */
public final class Messenger implements AutoCloseable {

    private final DatabaseResolver databases;
    private final Clock clock;
    private final TemplateEngine templates;
    private final KnownTenants tenants = new KnownTenants();
    private final MessageWorker worker;

    public Messenger(DatabaseResolver databases, Clock clock, TemplateEngine templates, MailSender mail, SmsSender sms,
                     AuditTrail audit, OutboxSettings settings) {
        this(databases, clock, templates, mail, sms, audit, settings, AuthMetrics.none());
    }

    public Messenger(DatabaseResolver databases, Clock clock, TemplateEngine templates, MailSender mail, SmsSender sms,
                     AuditTrail audit, OutboxSettings settings, AuthMetrics metrics) {
        this.databases = Objects.requireNonNull(databases, "databases");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.templates = Objects.requireNonNull(templates, "templates");
        this.worker = new MessageWorker(clock, mail, sms, audit, settings, tenants, metrics);
    }

    /** The engine, for features that render pages (forms, result pages) with the tenant's overrides. */
    public TemplateEngine templates() {
        return templates;
    }

    /**
     * Renders {@code spec} with the tenant's overrides for {@code key} (may be null) and {@code languages}.
     *
     * @throws io.skygear.core.template.TemplateException when the tenant's override cannot be loaded or rendered
     */
    public String render(TenantContext tenant, TemplateSpec spec, String key, List<Locale.LanguageRange> languages,
                         Map<String, ?> context) {
        return templates.render(spec, tenant.config().templateItems(), key, languages, context);
    }

    /** Renders {@code email} and queues it in {@code trx}; sent after commit. */
    public void sendEmail(TenantContext tenant, DSLContext trx, Email email) {
        String key = email.templateKey().orElse(null);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("from", email.sender());
        payload.put("to", email.to());
        payload.put("subject", email.subject());
        email.replyTo().ifPresent(r -> payload.put("reply_to", r));
        payload.put("text", render(tenant, email.text(), key, email.languages(), email.context()));
        email.html().ifPresent(h -> payload.put("html", render(tenant, h, key, email.languages(), email.context())));
        enqueue(tenant, trx, new MessageOutbox.Entry(MessageOutbox.EMAIL, email.purpose(), email.userId(), email.to(),
                Json.mapper().writeValueAsString(payload)));
    }

    /** Renders {@code sms} and queues it in {@code trx}; sent after commit. */
    public void sendSms(TenantContext tenant, DSLContext trx, Sms sms) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("to", sms.to());
        payload.put("body", render(tenant, sms.text(), sms.templateKey().orElse(null), sms.languages(), sms.context()).strip());
        enqueue(tenant, trx, new MessageOutbox.Entry(MessageOutbox.SMS, sms.purpose(), sms.userId(), sms.to(),
                Json.mapper().writeValueAsString(payload)));
    }

    private void enqueue(TenantContext tenant, DSLContext trx, MessageOutbox.Entry entry) {
        Database db = databases.forTenant(tenant);
        tenants.remember(tenant);
        worker.watch(db);
        MessageOutbox.insert(db.tenant(tenant.appId()).using(trx), entry, clock.instant());
        MessageOutbox.notifyWorkers(trx, db);
    }

    /** Sends the due rows of {@code tenant}'s database on the calling thread (tests, tools); returns how many were handled. */
    public int deliverDue(TenantContext tenant) {
        tenants.remember(tenant);
        return worker.deliverDue(databases.forTenant(tenant));
    }

    /** Starts sending in the background. */
    public void start() {
        worker.start();
    }

    /** Stops sending; queued messages stay queued. */
    @Override
    public void close() {
        worker.close();
    }

    /** Makes the worker send {@code tenant}'s queued messages from now on, e.g. those left by a previous run. */
    public void resume(TenantContext tenant) {
        tenants.remember(tenant);
        worker.watch(databases.forTenant(tenant));
    }
}
