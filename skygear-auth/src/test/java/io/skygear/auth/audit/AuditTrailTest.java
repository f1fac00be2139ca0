package io.skygear.auth.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.skygear.auth.internal.audit.AuditEvent;
import io.skygear.auth.internal.audit.AuditEventType;
import io.skygear.auth.internal.audit.AuditOrigin;
import io.skygear.auth.internal.audit.AuditTrail;
import io.skygear.auth.testing.MigratedDatabase;
import io.skygear.auth.testing.MutableClock;
import io.skygear.core.config.TenantConfig;
import io.skygear.core.db.Database;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.http.Json;
import io.skygear.core.http.RequestIdFilter;
import io.skygear.core.tenant.TenantContext;
import io.skygear.testing.SqlScripts;
import io.skygear.testing.TestSchema;
import io.skygear.testing.TestServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/** The audit trail keeps a row per security event in the caller's transaction and logs it without secrets. */
class AuditTrailTest {

    static final String MASTER_KEY = "master-Key-audit-51ab";
    static final String TOKEN = "2a0a7c3e-55c6-4b5f-9d54-0c1f1b2e3d4f.S3cretRandomPart0123456789abcdef";
    static final AuditOrigin ORIGIN = new AuditOrigin("10.0.0.7", "203.0.113.9, 10.0.0.1", "203.0.113.9",
            "for=203.0.113.9", "SkygearTest/1.0", "req-1");

    static MigratedDatabase database;
    static Database db;
    static TestServer server;
    static MutableClock clock = new MutableClock(Instant.parse("2019-11-29T10:00:00.250Z"));
    static AuditTrail trail;
    static Logger auditLogger = (Logger) LoggerFactory.getLogger(AuditTrail.LOGGER);
    ListAppender<ILoggingEvent> log;

    @BeforeAll
    static void start() {
        database = MigratedDatabase.create("1790000300__audit_trail");
        db = database.open();
        trail = new AuditTrail(DatabaseResolver.fixed(db), clock);
        server = new TestServer().filter(new RequestIdFilter(), "/*").servlet(new OriginServlet(), "/origin").start();
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    @BeforeEach
    void captureLog() {
        log = new ListAppender<>();
        log.start();
        auditLogger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        auditLogger.detachAppender(log);
    }

    static TenantContext tenant(String appId) {
        return TenantContext.of(TenantConfig.parseYaml("""
                version: "1"
                app_id: %s
                app_name: audittest
                app_config:
                  database_url: postgres://localhost/app
                  database_schema: app
                user_config:
                  master_key: %s
                  auth:
                    authentication_session:
                      secret: authn-secret-audit
                  hook:
                    secret: hook-secret-audit
                  asset:
                    secret: asset-secret-audit
                """.formatted(appId, MASTER_KEY)));
    }

    static List<Record> rows(TenantContext t) {
        return db.tenant(t.appId()).selectFrom("_auth_audit_trail").orderBy(DSL.field("id")).fetch();
    }

    @Test
    void entryKeepsEventUserDataAndRequestOriginAtTheClocksTime() {
        TenantContext t = tenant("app-audit-row");

        db.transaction(cfg -> trail.record(t, cfg.dsl(),
                AuditEvent.of(AuditEventType.RESET_PASSWORD, "u1", ORIGIN).withData(Map.of("type", "forgot_password"))));

        Record row = rows(t).getFirst();
        assertThat(row.get("event")).isEqualTo("reset_password");
        assertThat(row.get("user_id")).isEqualTo("u1");
        assertThat(row.get("login_id")).isNull();
        assertThat(Json.mapper().readTree(row.get("data").toString())).isEqualTo(Json.mapper().readTree("{\"type\":\"forgot_password\"}"));
        assertThat(row.get("remote_addr")).isEqualTo("10.0.0.7");
        assertThat(row.get("x_forwarded_for")).isEqualTo("203.0.113.9, 10.0.0.1");
        assertThat(row.get("x_real_ip")).isEqualTo("203.0.113.9");
        assertThat(row.get("forwarded")).isEqualTo("for=203.0.113.9");
        assertThat(row.get("user_agent")).isEqualTo("SkygearTest/1.0");
        assertThat(row.get("request_id")).isEqualTo("req-1");
        assertThat(row.get("created_at", LocalDateTime.class)).isEqualTo(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    @Test
    void entryRollsBackWithTheOperation() {
        TenantContext t = tenant("app-audit-rollback");

        assertThatThrownBy(() -> db.transaction(cfg -> {
            trail.record(t, cfg.dsl(), AuditEvent.of(AuditEventType.CHANGE_PASSWORD, "u1", ORIGIN));
            throw new IllegalStateException("password policy violated");
        })).hasMessageContaining("password policy violated");

        assertThat(rows(t)).isEmpty();
    }

    @Test
    void loginFailureRecordedNowSurvivesTheFailedLoginsRollback() {
        TenantContext t = tenant("app-audit-failure");

        assertThatThrownBy(() -> db.transaction(cfg -> {
            trail.recordNow(t, AuditEvent.loginFailure("john@example.com", null, ORIGIN));
            throw new IllegalStateException("invalid credentials");
        })).hasMessageContaining("invalid credentials");

        Record row = rows(t).getFirst();
        assertThat(row.get("event")).isEqualTo("login_failure");
        assertThat(row.get("login_id")).isEqualTo("john@example.com");
        assertThat(row.get("user_id")).isNull();
    }

    @Test
    void logLineNamesEventAppUserAndRequestButNoSecrets() {
        TenantContext t = tenant("app-audit-log");

        db.transaction(cfg -> trail.record(t, cfg.dsl(), AuditEvent.of(AuditEventType.LOGIN_SUCCESS, "u1", ORIGIN)
                .withData(Map.of("note", "token " + TOKEN, "nested", List.of(Map.of("key", MASTER_KEY))))));
        db.transaction(cfg -> trail.record(t, cfg.dsl(), AuditEvent.loginFailure("mary@example.com", null, AuditOrigin.NONE)));

        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "audit event=login_success app=app-audit-log user=u1 request=req-1",
                "audit event=login_failure app=app-audit-log user=- request=-");
        assertThat(log.list).allSatisfy(e -> assertThat(e.getLoggerName()).isEqualTo("io.skygear.auth.audit"));
        String stored = rows(t).getFirst().get("data").toString();
        assertThat(stored).doesNotContain(TOKEN, MASTER_KEY, "S3cretRandomPart").contains("********");
    }

    @Test
    void everyEventTypeHasItsOriginalName() {
        // the original's names, then ours (send_message_failed: a message given up by the outbox)
        assertThat(List.of(AuditEventType.values())).extracting(AuditEventType::wireName).containsExactly(
                "login_success", "login_failure", "logout", "signup", "change_password", "reset_password",
                "disable_user", "enable_user", "send_message_failed");
    }

    @Test
    void entriesBelongToTheirApp() {
        TenantContext a = tenant("app-audit-a");
        TenantContext b = tenant("app-audit-b");

        db.transaction(cfg -> {
            trail.record(a, cfg.dsl(), AuditEvent.of(AuditEventType.SIGNUP, "ua", ORIGIN));
            trail.record(b, cfg.dsl(), AuditEvent.of(AuditEventType.DISABLE_USER, "ub", ORIGIN));
        });

        assertThat(rows(a)).extracting(r -> r.get("user_id")).containsExactly("ua");
        assertThat(rows(b)).extracting(r -> r.get("event")).containsExactly("disable_user");
    }

    @Test
    void originIsReadFromTheRequestHeadersAndRequestId() {
        HttpRequest request = HttpRequest.newBuilder(server.uri("/origin"))
                .header("X-Forwarded-For", "198.51.100.1").header("X-Real-IP", "198.51.100.2")
                .header("Forwarded", "for=198.51.100.3").header("User-Agent", "x".repeat(5000))
                .GET().build();

        var response = server.send(request);

        JsonNode origin = Json.mapper().readTree(response.body());
        assertThat(origin.get("remote_addr").stringValue()).isEqualTo("127.0.0.1");
        assertThat(origin.get("x_forwarded_for").stringValue()).isEqualTo("198.51.100.1");
        assertThat(origin.get("x_real_ip").stringValue()).isEqualTo("198.51.100.2");
        assertThat(origin.get("forwarded").stringValue()).isEqualTo("for=198.51.100.3");
        assertThat(origin.get("user_agent").stringValue()).hasSize(1024);
        assertThat(origin.get("request_id").stringValue()).isEqualTo(response.headers().firstValue(RequestIdFilter.HEADER).orElseThrow());
    }

    @Test
    void auditTableIsIndexedByAppAndTimeAndByAppAndUserAndUndoDropsIt() throws SQLException {
        try (Connection c = database.connection()) {
            TestSchema schema = TestSchema.create(c, "audit_check");
            SqlScripts.run(c, "io/skygear/migrations/auth/up/V1790000300__audit_trail.sql");
            assertThat(schema.columns("_auth_audit_trail")).contains("app_id text NOT NULL", "user_id text",
                    "data jsonb NOT NULL DEFAULT '{}'::jsonb", "created_at timestamp without time zone NOT NULL");
            assertThat(schema.indexes("_auth_audit_trail")).containsExactly(
                    "_auth_audit_trail_app_id_created_at_idx USING btree (app_id, created_at)",
                    "_auth_audit_trail_app_id_user_id_idx USING btree (app_id, user_id)");

            SqlScripts.run(c, "io/skygear/migrations/auth/down/U1790000300__audit_trail.sql");
            assertThat(schema.tables()).isEmpty();
        }
    }

    /** Answers with the AuditOrigin of the request, as JSON. */
    static final class OriginServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.getWriter().write(Json.mapper().writeValueAsString(AuditOrigin.of(request)));
        }
    }
}
