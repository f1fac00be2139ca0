package io.skygear.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.core.tenant.TenantQuotas;
import io.skygear.gateway.GatewayFixture.Reply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Plan quotas: requests per minute per app in the gateway (429), most users at signup (403). */
class QuotaTest {

    static final MovableClock clock = new MovableClock(Instant.parse("2024-03-01T10:00:10Z"));
    static GatewayFixture fixture;
    static Plan limited;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(s -> s, (g, b) -> g.clock(clock));
        limited = fixture.admin.createPlan("limited", Map.of("auth", true),
                new TenantQuotas(OptionalLong.of(2), OptionalLong.empty(), OptionalLong.of(5)));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void requestsBeyondThePlansPerMinuteAre429UntilTheNextMinute() {
        fixture.newApp("rpm", limited, "rpm.example.test");
        for (int i = 0; i < 5; i++) {
            assertThat(fixture.get("rpm.example.test", "/host/x").status()).isEqualTo(200);
        }

        Reply refused = fixture.get("rpm.example.test", "/host/x");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).isEqualTo("Too many requests\n");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("50");
        assertThat(fixture.get(GatewayFixture.HOST_A, "/host/x").status()).as("other apps unaffected").isEqualTo(200);

        clock.advance(Duration.ofSeconds(50));
        assertThat(fixture.get("rpm.example.test", "/host/x").status()).isEqualTo(200);
    }

    @Test
    void signupBeyondThePlansMostUsersIsRefused() {
        App app = fixture.newApp("few-users", limited, "few.example.test");
        fixture.admin.setPlan(app.id(), fixture.pro.id());
        fixture.signup("few.example.test", "few-users", "u1");
        fixture.signup("few.example.test", "few-users", "u2");
        fixture.admin.setPlan(app.id(), limited.id());

        Reply refused = signup("few.example.test", "few-users", "u3");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").get("reason").asString()).isEqualTo("UserQuotaExceeded");
        assertThat(refused.json().get("error").get("info").get("max_users").asLong()).isEqualTo(2);
    }

    @Test
    void concurrentSignupsCannotOvershootTheQuota() throws Exception {
        Plan two = fixture.admin.createPlan("two-users", Map.of("auth", true),
                new TenantQuotas(OptionalLong.of(2), OptionalLong.empty(), OptionalLong.empty()));
        fixture.newApp("race", two, "race.example.test");

        List<Integer> statuses;
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            List<Future<Integer>> results = IntStream.range(0, 6)
                    .mapToObj(i -> pool.submit(() -> signup("race.example.test", "race", "racer" + i).status()))
                    .toList();
            statuses = results.stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(2);
        assertThat(statuses).filteredOn(s -> s == 403).hasSize(4);
    }

    static Reply signup(String host, String appId, String username) {
        return fixture.post(host, "/_auth/signup", """
                {"login_ids":[{"key":"username","value":"%s"}],"password":"secret-pw-1"}""".formatted(username),
                "Content-Type", "application/json", "X-Skygear-API-Key", GatewayFixture.apiKey(appId));
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
