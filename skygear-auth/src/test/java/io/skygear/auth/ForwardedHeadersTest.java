package io.skygear.auth;

import static io.skygear.auth.AuthFixture.PASSWORD;
import static io.skygear.auth.AuthFixture.bearer;
import static io.skygear.auth.AuthFixture.headers;
import static io.skygear.auth.AuthFixture.key;
import static io.skygear.auth.AuthFixture.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.AuthFixture.Login;
import io.skygear.auth.AuthFixture.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code AuthSettings.trustForwardedHeaders(false)}: the client-IP headers are the client's own words, so
 * sessions record the peer address and per-IP limits count by it — a forged {@code X-Forwarded-For}
 * per attempt no longer dodges them.
 */
class ForwardedHeadersTest {

    static final int PER_IP = 3;

    static AuthFixture auth;

    @BeforeAll
    static void start() {
        auth = AuthFixture.start(AuthFixture.settings()
                .trustForwardedHeaders(false)
                .loginLimitPerIp(new AuthSettings.RateLimit(PER_IP, Duration.ofMinutes(1)))
                .build());
    }

    @AfterAll
    static void stop() {
        auth.close();
    }

    @Test
    void forgedClientIpHeadersDoNotDodgeThePerIpLimit() {
        auth.clock.advance(Duration.ofMinutes(2)); // every request here comes from one peer: a fresh window
        for (int i = 0; i < PER_IP; i++) {
            assertThat(login(uniqueName("spray"), "X-Forwarded-For", "203.0.113." + i).status()).isEqualTo(401);
        }

        assertThat(login(uniqueName("spray"), "X-Real-IP", "203.0.113.50").status()).isEqualTo(429);
        assertThat(login(uniqueName("spray"), "Forwarded", "for=203.0.113.51").status()).isEqualTo(429);
    }

    @Test
    void sessionsRecordThePeerAddressNotTheHeader() {
        String name = uniqueName("direct");
        auth.signup(name);
        auth.clock.advance(Duration.ofMinutes(2)); // a fresh per-IP window
        Reply reply = auth.post("/_auth/login", """
                {"login_id":"%s","password":"%s"}""".formatted(name, PASSWORD),
                headers(key(), new String[] {"X-Real-IP", "198.51.100.7"}));
        assertThat(reply.status()).isEqualTo(200);
        Login login = new Login(null, reply.result().get("session_id").asString(),
                reply.result().get("access_token").asString(), java.util.Optional.empty(), reply.result());

        Reply session = auth.post("/_auth/session/get", """
                {"session_id":"%s"}""".formatted(login.sessionId()), headers(key(), bearer(login.accessToken())));

        assertThat(session.status()).isEqualTo(200);
        String ip = session.result().get("session").get("created_by_ip").asString();
        assertThat(ip).isNotEqualTo("198.51.100.7").isIn("127.0.0.1", "0:0:0:0:0:0:0:1", "::1");
    }

    private static Reply login(String loginId, String header, String value) {
        return auth.post("/_auth/login", """
                {"login_id":"%s","password":"%s"}""".formatted(loginId, PASSWORD),
                headers(key(), new String[] {header, value}));
    }
}
