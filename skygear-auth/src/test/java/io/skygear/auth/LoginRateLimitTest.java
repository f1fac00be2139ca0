package io.skygear.auth;

import static io.skygear.auth.AuthFixture.PASSWORD;
import static io.skygear.auth.AuthFixture.key;
import static io.skygear.auth.AuthFixture.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.AuthFixture.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Brute-force protection of {@code /_auth/login} (deviation 9): per login ID and per client IP. */
class LoginRateLimitTest {

    static final int PER_LOGIN_ID = 3;
    static final int PER_IP = 5;

    static AuthFixture auth;

    @BeforeAll
    static void start() {
        auth = AuthFixture.start(AuthFixture.settings()
                .loginLimitPerLoginId(new AuthSettings.RateLimit(PER_LOGIN_ID, Duration.ofMinutes(1)))
                .loginLimitPerIp(new AuthSettings.RateLimit(PER_IP, Duration.ofMinutes(1)))
                .build());
    }

    @AfterAll
    static void stop() {
        auth.close();
    }

    static Reply login(String loginId, String password, String ip) {
        return auth.post("/_auth/login", """
                {"login_id":"%s","password":"%s"}""".formatted(loginId, password),
                AuthFixture.headers(key(), new String[] {"X-Real-IP", ip}));
    }

    @Test
    void attemptsOverTheLoginIdLimitAreTooManyRequestsEvenWithTheRightPassword() {
        String name = uniqueName("target");
        auth.signup(name);
        for (int i = 0; i < PER_LOGIN_ID; i++) {
            assertThat(login(name, "wrong_password", "203.0.113." + i).status()).isEqualTo(401);
        }

        Reply blocked = login(name, PASSWORD, "203.0.113.99");

        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.error().get("name").asString()).isEqualTo("TooManyRequest");
        assertThat(blocked.error().get("code").asInt()).isEqualTo(429);
        assertThat(blocked.header("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        assertThat(login(name.toUpperCase(), PASSWORD, "203.0.113.98").status())
                .as("the login ID is counted case-folded").isEqualTo(429);
    }

    @Test
    void attemptsOverTheIpLimitAreTooManyRequestsForAnyLoginId() {
        String ip = "198.51.100.23";
        for (int i = 0; i < PER_IP; i++) {
            assertThat(login(uniqueName("spray"), PASSWORD, ip).status()).isEqualTo(401);
        }

        assertThat(login(uniqueName("spray"), PASSWORD, ip).status()).isEqualTo(429);
        assertThat(login(uniqueName("spray"), PASSWORD, "198.51.100.24").status()).isEqualTo(401);
    }

    @Test
    void theLimitResetsWithTheWindow() {
        String name = uniqueName("patient");
        auth.signup(name);
        for (int i = 0; i <= PER_LOGIN_ID; i++) {
            login(name, "wrong_password", "192.0.2." + i);
        }
        assertThat(login(name, PASSWORD, "192.0.2.50").status()).isEqualTo(429);

        auth.clock.advance(Duration.ofMinutes(2));

        assertThat(login(name, PASSWORD, "192.0.2.51").status()).isEqualTo(200);
    }
}
