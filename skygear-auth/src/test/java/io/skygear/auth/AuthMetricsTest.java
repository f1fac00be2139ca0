package io.skygear.auth;

import static io.skygear.auth.AuthFixture.APP_HOOKS;
import static io.skygear.auth.AuthFixture.bearer;
import static io.skygear.auth.AuthFixture.headers;
import static io.skygear.auth.AuthFixture.key;
import static io.skygear.auth.AuthFixture.uniqueName;
import static io.skygear.testing.Meters.settled;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.testing.MeterDocs;
import io.skygear.testing.Meters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The auth gear's meters as real requests move them: the request timer by endpoint template, signups and
 * logins by result, token checks and the session cache, rate-limit refusals, after-hook deliveries. The
 * fixture's registry is shared, so each test compares counts before and after its own requests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthMetricsTest {

    private static AuthFixture fx;

    @BeforeAll
    static void start() {
        fx = AuthFixture.start();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }


    private static double counter(String name, String... tags) {
        return Meters.counter(fx.meters, name, tags);
    }

    private static long timer(String name, String... tags) {
        return Meters.timer(fx.meters, name, tags);
    }

    @Test
    void signupIsTimedUnderItsEndpointAndCountedBySuccess() throws InterruptedException {
        double before = counter("skygear.auth.signups", "result", "success");
        long timed = timer("skygear.http.requests", "gear", "auth", "endpoint", "signup", "status", "200", "error", "none");

        fx.signup(uniqueName("metrics"));

        assertThat(settled(() -> counter("skygear.auth.signups", "result", "success"), before + 1)).isEqualTo(before + 1);
        assertThat(settled(() -> timer("skygear.http.requests", "gear", "auth", "endpoint", "signup", "status", "200",
                "error", "none"), timed + 1)).isEqualTo(timed + 1);
    }

    @Test
    void duplicateSignupCountsItsErrorName() throws InterruptedException {
        String name = uniqueName("dup");
        fx.signup(name);
        double before = counter("skygear.auth.signups", "result", "LoginIDAlreadyUsed");

        var reply = fx.post("/_auth/signup", """
                {"login_ids":[{"key":"username","value":"%s"}],"password":"%s"}""".formatted(name, AuthFixture.PASSWORD),
                key());

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.error().get("reason").asString()).isEqualTo("LoginIDAlreadyUsed");
        assertThat(settled(() -> counter("skygear.auth.signups", "result", "LoginIDAlreadyUsed"), before + 1))
                .isEqualTo(before + 1);
    }

    @Test
    void passwordLoginsAreCountedByResult() throws InterruptedException {
        String name = uniqueName("login");
        fx.signup(name);
        double ok = counter("skygear.auth.logins", "method", "password", "result", "success");
        double bad = counter("skygear.auth.logins", "method", "password", "result", "InvalidCredentials");
        long badTimed = timer("skygear.http.requests", "endpoint", "login", "status", "401", "error", "InvalidCredentials");

        fx.login(name);
        var reply = fx.post("/_auth/login", """
                {"login_id":"%s","password":"wrong-password"}""".formatted(name), key());

        assertThat(reply.status()).isEqualTo(401);
        assertThat(settled(() -> counter("skygear.auth.logins", "method", "password", "result", "success"), ok + 1))
                .isEqualTo(ok + 1);
        assertThat(settled(() -> counter("skygear.auth.logins", "method", "password", "result", "InvalidCredentials"),
                bad + 1)).isEqualTo(bad + 1);
        assertThat(settled(() -> timer("skygear.http.requests", "endpoint", "login", "status", "401", "error",
                "InvalidCredentials"), badTimed + 1)).isEqualTo(badTimed + 1);
    }

    @Test
    void tokenChecksCountValidInvalidAbsentAndTheSessionCache() throws InterruptedException {
        AuthFixture.Login login = fx.signup(uniqueName("token"));
        double valid = counter("skygear.auth.token.checks", "result", "valid");
        double invalid = counter("skygear.auth.token.checks", "result", "invalid");
        double absent = counter("skygear.auth.token.checks", "result", "absent");
        double lookups = counter("skygear.auth.session.cache.gets", "result", "hit")
                + counter("skygear.auth.session.cache.gets", "result", "miss");

        assertThat(fx.get("/api/whoami", headers(key(), bearer(login.accessToken()))).status()).isEqualTo(200);
        assertThat(fx.get("/api/whoami", headers(key(), bearer(login.accessToken()))).status()).isEqualTo(200);
        fx.get("/api/whoami", headers(key(), bearer(login.accessToken().substring(0, 40) + "x")));
        fx.get("/api/whoami", key());

        assertThat(counter("skygear.auth.token.checks", "result", "valid")).isEqualTo(valid + 2);
        assertThat(counter("skygear.auth.token.checks", "result", "invalid")).isEqualTo(invalid + 1);
        assertThat(counter("skygear.auth.token.checks", "result", "absent")).isEqualTo(absent + 1);
        // each valid check looked its session up in the cache (a miss until the node's listener is up)
        assertThat(counter("skygear.auth.session.cache.gets", "result", "hit")
                + counter("skygear.auth.session.cache.gets", "result", "miss")).isGreaterThanOrEqualTo(lookups + 2);
    }

    @Test
    void repeatedChecksOfOneTokenHitTheSessionCache() {
        AuthFixture.Login login = fx.signup(uniqueName("cached"));
        double hits = counter("skygear.auth.session.cache.gets", "result", "hit");

        // the cache serves once the revocation listener of the database is connected
        for (int i = 0; i < 200 && counter("skygear.auth.session.cache.gets", "result", "hit") == hits; i++) {
            assertThat(fx.get("/api/whoami", headers(key(), bearer(login.accessToken()))).status()).isEqualTo(200);
        }

        assertThat(counter("skygear.auth.session.cache.gets", "result", "hit")).isGreaterThan(hits);
    }

    @Test
    void rateLimitedLoginsAreCountedByBucket() throws InterruptedException {
        String name = uniqueName("limited");
        fx.signup(name);
        double before = counter("skygear.auth.rate.limited", "bucket", "login:id");

        int refused = 0;
        for (int i = 0; i < 12; i++) {
            var reply = fx.post("/_auth/login", """
                    {"login_id":"%s","password":"wrong-password"}""".formatted(name), key());
            refused += reply.status() == 429 ? 1 : 0;
        }

        assertThat(refused).isPositive();
        assertThat(settled(() -> counter("skygear.auth.rate.limited", "bucket", "login:id"), before + refused))
                .isEqualTo(before + refused);
        assertThat(settled(() -> counter("skygear.auth.logins", "method", "password", "result", "TooManyRequest"),
                refused)).isGreaterThanOrEqualTo(refused);
    }

    @Test
    void unknownPathsShareOneEndpointTag() throws InterruptedException {
        long before = timer("skygear.http.requests", "gear", "auth", "endpoint", "unmatched", "status", "404");

        fx.get("/_auth/no-such-endpoint-" + uniqueName("p"), key());
        fx.get("/_auth/another-" + uniqueName("p"), key());

        assertThat(settled(() -> timer("skygear.http.requests", "gear", "auth", "endpoint", "unmatched", "status",
                "404"), before + 2)).isEqualTo(before + 2);
        assertThat(fx.meters.find("skygear.http.requests").timers())
                .allSatisfy(t -> assertThat(t.getId().getTag("endpoint")).doesNotContain("no-such", "another-"));
    }

    @Test
    void afterHooksDeliveredToARealReceiverAreCountedWithTheirLag() throws InterruptedException {
        double before = counter("skygear.auth.hook.deliveries", "result", "delivered");

        fx.signup(APP_HOOKS, """
                {"login_ids":[{"key":"username","value":"%s"}],"password":"%s"}""".formatted(uniqueName("hooked"),
                AuthFixture.PASSWORD));

        // after_user_create and after_session_create go out once the signup commits, from the worker threads
        assertThat(settled(() -> counter("skygear.auth.hook.deliveries", "result", "delivered"), before + 2))
                .isGreaterThanOrEqualTo(before + 2);
        assertThat(fx.meters.get("skygear.auth.hook.delivery.lag").timer().count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void everyMeterTheseRequestsProducedIsInTheOperationsGuide() {
        assertThat(MeterDocs.skygearMeterNames(fx.meters)).contains("skygear.http.requests", "skygear.auth.signups",
                "skygear.auth.logins", "skygear.auth.token.checks", "skygear.auth.session.cache.gets",
                "skygear.auth.rate.limited", "skygear.auth.hook.deliveries", "skygear.auth.hook.delivery.lag");
        MeterDocs.assertDocumented(fx.meters);
    }
}
