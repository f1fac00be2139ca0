package io.skygear.auth.internal.audit;

import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.db.TenantScope;
import io.skygear.core.http.Json;
import io.skygear.core.http.SecretMasker;
import io.skygear.core.tenant.TenantContext;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail (deviation 7): a row in {@code _auth_audit_trail} per security event of a tenant,
 * and a line on the SLF4J logger {@value #LOGGER}:
 * {@code audit event=login_success app=<app id> user=<user id|-> request=<request id|->}.
 * The line never carries passwords, tokens or login IDs; it is masked with the tenant's secrets all
 * the same. String values of {@code data} are masked before they are stored.
 *
 * <p>{@link #record} writes in the caller's transaction, so the entry commits or rolls back with
 * the operation it describes (the log line is written at once and stays either way).
 * {@link #recordNow} commits on its own: for {@code login_failure}, whose operation fails and rolls
 * back but must leave its trace. Thread-safe.
 */
public final class AuditTrail {

    /** Name of the audit logger. */
    public static final String LOGGER = "io.skygear.auth.audit";

    static final String TABLE = "_auth_audit_trail";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private static final Field<String> EVENT = text("event");
    private static final Field<String> USER_ID = text("user_id");
    private static final Field<String> LOGIN_ID = text("login_id");
    private static final Field<JSONB> DATA = DSL.field(DSL.name("data"), SQLDataType.JSONB);
    private static final Field<String> REMOTE_ADDR = text("remote_addr");
    private static final Field<String> X_FORWARDED_FOR = text("x_forwarded_for");
    private static final Field<String> X_REAL_IP = text("x_real_ip");
    private static final Field<String> FORWARDED = text("forwarded");
    private static final Field<String> USER_AGENT = text("user_agent");
    private static final Field<String> REQUEST_ID = text("request_id");
    private static final Field<LocalDateTime> CREATED_AT = DSL.field(DSL.name("created_at"), SQLDataType.LOCALDATETIME);

    private final DatabaseResolver databases;
    private final Clock clock;

    public AuditTrail(DatabaseResolver databases, Clock clock) {
        this.databases = Objects.requireNonNull(databases, "databases");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Records {@code event} in the caller's transaction {@code trx}. */
    public void record(TenantContext tenant, DSLContext trx, AuditEvent event) {
        TenantScope scope = databases.forTenant(tenant).tenant(tenant.appId()).using(trx);
        SecretMasker masker = SecretMasker.of(tenant.config().secrets());
        AuditOrigin o = event.origin();
        scope.insertInto(TABLE)
                .set(EVENT, event.type().wireName())
                .set(USER_ID, event.userId().orElse(null))
                .set(LOGIN_ID, event.loginId().orElse(null))
                .set(DATA, JSONB.jsonb(Json.mapper().writeValueAsString(mask(event.data(), masker))))
                .set(REMOTE_ADDR, o.remoteAddr())
                .set(X_FORWARDED_FOR, o.xForwardedFor())
                .set(X_REAL_IP, o.xRealIp())
                .set(FORWARDED, o.forwarded())
                .set(USER_AGENT, o.userAgent())
                .set(REQUEST_ID, o.requestId())
                .set(CREATED_AT, LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .execute();
        if (LOG.isInfoEnabled()) {
            LOG.info(masker.mask("audit event=" + event.type().wireName()
                    + " app=" + tenant.appId()
                    + " user=" + event.userId().orElse("-")
                    + " request=" + (o.requestId() != null ? o.requestId() : "-")));
        }
    }

    /** Records {@code event} in a short transaction of its own, committed before this returns. */
    public void recordNow(TenantContext tenant, AuditEvent event) {
        databases.forTenant(tenant).transaction(cfg -> record(tenant, cfg.dsl(), event));
    }

    private static Object mask(Object value, SecretMasker masker) {
        return switch (value) {
            case String s -> masker.mask(s);
            case Map<?, ?> map -> {
                Map<Object, Object> masked = new LinkedHashMap<>();
                map.forEach((k, v) -> masked.put(k, mask(v, masker)));
                yield masked;
            }
            case List<?> list -> list.stream().map(v -> mask(v, masker)).toList();
            case null -> null;
            default -> value;
        };
    }

    private static Field<String> text(String name) {
        return DSL.field(DSL.name(name), SQLDataType.CLOB);
    }
}
