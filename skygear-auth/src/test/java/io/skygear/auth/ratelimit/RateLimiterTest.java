package io.skygear.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.skygear.auth.AuthSettings.RateLimit;
import io.skygear.auth.internal.ratelimit.RateLimitExceeded;
import io.skygear.auth.internal.ratelimit.RateLimiter;
import io.skygear.auth.testing.MigratedDatabase;
import io.skygear.auth.testing.MutableClock;
import io.skygear.core.config.TenantConfig;
import io.skygear.core.db.Database;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.error.ErrorName;
import io.skygear.core.http.ApiErrorHandler;
import io.skygear.core.http.Json;
import io.skygear.core.tenant.TenantContext;
import io.skygear.testing.SqlScripts;
import io.skygear.testing.TestSchema;
import io.skygear.testing.TestServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** PostgreSQL-backed fixed-window rate limits: exact under concurrency, reset by time, keyed by hash. */
class RateLimiterTest {

    static final RateLimit FIVE_A_MINUTE = new RateLimit(5, Duration.ofMinutes(1));
    static final RateLimit ONE_A_MINUTE = new RateLimit(1, Duration.ofMinutes(1));

    static MigratedDatabase database;
    static Database db;
    static TestServer server;
    static MutableClock clock = new MutableClock(Instant.parse("2019-11-29T10:00:00Z"));
    static RateLimiter limiter;

    @BeforeAll
    static void start() {
        database = MigratedDatabase.create("1790000400__rate_limit");
        db = database.open();
        limiter = new RateLimiter(DatabaseResolver.fixed(db), clock);
        server = new TestServer().servlet(new LoginServlet(), "/login").start();
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    static TenantContext tenant(String appId, String authnSecret) {
        return TenantContext.of(TenantConfig.parseYaml("""
                version: "1"
                app_id: %s
                app_name: ratelimittest
                app_config:
                  database_url: postgres://localhost/app
                  database_schema: app
                user_config:
                  master_key: master-key-rl
                  auth:
                    authentication_session:
                      secret: %s
                  hook:
                    secret: hook-secret-rl
                  asset:
                    secret: asset-secret-rl
                """.formatted(appId, authnSecret)));
    }

    static TenantContext tenant(String appId) {
        return tenant(appId, "authn-secret-rl");
    }

    static List<Record> rows(TenantContext t) {
        return db.tenant(t.appId()).selectFrom("_auth_rate_limit").orderBy(DSL.field("key")).fetch();
    }

    static boolean allowed(TenantContext t, String bucket, String key, RateLimit limit) {
        try {
            limiter.acquire(t, bucket, key, limit);
            return true;
        } catch (RateLimitExceeded e) {
            return false;
        }
    }

    @Test
    void capacityHoldsExactlyUnderTwentyConcurrentAcquirers() throws Exception {
        TenantContext t = tenant("app-rl-concurrent");
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return allowed(t, "login:id", "john@example.com", FIVE_A_MINUTE);
                }));
            }
            go.countDown();
        }

        List<Boolean> outcomes = new ArrayList<>();
        for (Future<Boolean> f : results) {
            outcomes.add(f.get());
        }
        assertThat(outcomes.stream().filter(b -> b)).hasSize(5);
        assertThat(outcomes.stream().filter(b -> !b)).hasSize(15);
        assertThat(rows(t).getFirst().get("count", Integer.class)).isEqualTo(20);
    }

    @Test
    void windowResetsOnceTheClockPassesItsEnd() {
        TenantContext t = tenant("app-rl-reset");
        RateLimit twoAMinute = new RateLimit(2, Duration.ofMinutes(1));

        assertThat(allowed(t, "login:ip", "203.0.113.9", twoAMinute)).isTrue();
        assertThat(allowed(t, "login:ip", "203.0.113.9", twoAMinute)).isTrue();
        assertThat(allowed(t, "login:ip", "203.0.113.9", twoAMinute)).isFalse();
        clock.advance(Duration.ofSeconds(59));
        assertThat(allowed(t, "login:ip", "203.0.113.9", twoAMinute)).isFalse();

        clock.advance(Duration.ofSeconds(1));
        assertThat(allowed(t, "login:ip", "203.0.113.9", twoAMinute)).isTrue();
        assertThat(allowed(t, "login:ip", "203.0.113.9", twoAMinute)).isTrue();
        assertThat(allowed(t, "login:ip", "203.0.113.9", twoAMinute)).isFalse();
        assertThat(rows(t).getFirst().get("window_start", java.time.LocalDateTime.class))
                .isEqualTo(java.time.LocalDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC));
    }

    @Test
    void refusalIs429WithTheSecondsLeftInTheWindowRoundedUp() {
        TenantContext t = tenant("app-rl-retry");
        limiter.acquire(t, "login:id", "mary", ONE_A_MINUTE);
        clock.advance(Duration.ofMillis(15_500));

        RateLimitExceeded e = catchThrowableOfType(RateLimitExceeded.class,
                () -> limiter.acquire(t, "login:id", "mary", ONE_A_MINUTE));

        assertThat(e.name()).isEqualTo(ErrorName.TOO_MANY_REQUEST);
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.reason()).isEqualTo("TooManyRequest");
        assertThat(e.getMessage()).isEqualTo("too many requests");
        assertThat(e.retryAfterSeconds()).isEqualTo(45);
        assertThat(e.info()).isEqualTo(Map.of("bucket", "login:id", "retry_after", 45L));
        assertThat(RateLimitExceeded.retryAfter(new jakarta.servlet.ServletException(e))).contains("45");
        assertThat(RateLimitExceeded.retryAfter(new IllegalStateException())).isEmpty();
    }

    @Test
    void keysBucketsAndAppsAreCountedSeparately() {
        TenantContext t = tenant("app-rl-separate");
        TenantContext other = tenant("app-rl-separate-2");

        assertThat(allowed(t, "login:id", "alice", ONE_A_MINUTE)).isTrue();
        assertThat(allowed(t, "login:id", "alice", ONE_A_MINUTE)).isFalse();
        assertThat(allowed(t, "login:id", "bob", ONE_A_MINUTE)).isTrue();
        assertThat(allowed(t, "forgot_password:id", "alice", ONE_A_MINUTE)).isTrue();
        assertThat(allowed(other, "login:id", "alice", ONE_A_MINUTE)).isTrue();
    }

    @Test
    void subjectIsStoredOnlyAsAKeyedHash() {
        TenantContext t = tenant("app-rl-hash", "secret-one");
        TenantContext rotated = tenant("app-rl-hash-2", "secret-two");

        limiter.acquire(t, "login:id", "john@example.com", FIVE_A_MINUTE);
        limiter.acquire(rotated, "login:id", "john@example.com", FIVE_A_MINUTE);

        String key = rows(t).getFirst().get("key", String.class);
        assertThat(key).matches("[0-9a-f]{64}").doesNotContain("john");
        assertThat(rows(rotated).getFirst().get("key", String.class)).isNotEqualTo(key);
    }

    @Test
    void purgeDeletesCountersWhoseWindowHasPassed() {
        TenantContext t = tenant("app-rl-purge");
        limiter.acquire(t, "login:id", "old", ONE_A_MINUTE);
        clock.advance(Duration.ofSeconds(30));
        limiter.acquire(t, "login:id", "recent", ONE_A_MINUTE);
        clock.advance(Duration.ofSeconds(45));

        assertThat(limiter.purgeExpired(t)).isEqualTo(1);
        assertThat(rows(t)).hasSize(1);
        assertThat(allowed(t, "login:id", "recent", ONE_A_MINUTE)).as("the kept counter still counts").isFalse();
    }

    @Test
    void badArgumentsAreRefusedBeforeTouchingTheDatabase() {
        TenantContext t = tenant("app-rl-args");

        assertThatThrownBy(() -> limiter.acquire(t, " ", "k", ONE_A_MINUTE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter.acquire(t, "login:id", "k", new RateLimit(0, Duration.ofMinutes(1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> limiter.acquire(t, "login:id", "", ONE_A_MINUTE)).doesNotThrowAnyException();
        assertThat(rows(t)).hasSize(1);
    }

    @Test
    void httpLayerAnswers429WithRetryAfterHeaderAndTheErrorEnvelope() {
        HttpResponse<String> first = server.postJson("/login", "{}");
        HttpResponse<String> second = server.postJson("/login", "{}");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After")).contains("60");
        JsonNode error = Json.mapper().readTree(second.body()).get("error");
        assertThat(error).isEqualTo(Json.mapper().readTree("""
                {"name":"TooManyRequest","reason":"TooManyRequest","message":"too many requests","code":429,
                 "info":{"bucket":"login:ip","retry_after":60}}"""));
    }

    @Test
    void rateLimitTableIsKeyedByAppBucketAndKeyAndUndoDropsIt() throws SQLException {
        try (Connection c = database.connection()) {
            TestSchema schema = TestSchema.create(c, "rate_limit_check");
            SqlScripts.run(c, "io/skygear/migrations/auth/up/V1790000400__rate_limit.sql");
            assertThat(schema.constraints("_auth_rate_limit"))
                    .containsExactly("_auth_rate_limit_pkey: PRIMARY KEY (app_id, bucket, key)");
            assertThat(schema.indexes("_auth_rate_limit"))
                    .containsExactly("_auth_rate_limit_expires_at_idx USING btree (app_id, expires_at)");

            SqlScripts.run(c, "io/skygear/migrations/auth/down/U1790000400__rate_limit.sql");
            assertThat(schema.tables()).isEmpty();
        }
    }

    /** A login endpoint limited to one attempt a minute per IP, answering errors like AuthServlet. */
    static final class LoginServlet extends HttpServlet {
        final TenantContext tenant = tenant("app-rl-http");

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            try {
                limiter.acquire(tenant, "login:ip", request.getRemoteAddr(), ONE_A_MINUTE);
                response.setContentType("application/json");
                response.getWriter().write("{\"result\":{}}");
            } catch (RuntimeException e) {
                RateLimitExceeded.setRetryAfter(response, e);
                ApiErrorHandler.handle(request, response, e);
            }
        }
    }
}
