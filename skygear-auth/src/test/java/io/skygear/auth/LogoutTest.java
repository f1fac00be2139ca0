package io.skygear.auth;

import static io.skygear.auth.AuthFixture.APP_A;
import static io.skygear.auth.AuthFixture.APP_B;
import static io.skygear.auth.AuthFixture.APP_HOOKS;
import static io.skygear.auth.AuthFixture.COOKIE;
import static io.skygear.auth.AuthFixture.PASSWORD;
import static io.skygear.auth.AuthFixture.WEB;
import static io.skygear.auth.AuthFixture.bearer;
import static io.skygear.auth.AuthFixture.headers;
import static io.skygear.auth.AuthFixture.key;
import static io.skygear.auth.AuthFixture.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.AuthFixture.Login;
import io.skygear.auth.AuthFixture.Reply;
import io.skygear.core.http.Json;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /_auth/logout}: ends the current session only, everywhere, with hooks and audit. */
class LogoutTest {

    static AuthFixture auth;

    @BeforeAll
    static void start() {
        auth = AuthFixture.start();
    }

    @AfterAll
    static void stop() {
        auth.close();
    }

    static Reply logout(String... headers) {
        return auth.post("/_auth/logout", "{}", headers);
    }

    static Reply me(String token) {
        return auth.post("/_auth/me", "{}", headers(key(), bearer(token)));
    }

    @Test
    void logoutEndsTheSessionAndClearsTheCookie() {
        Login login = auth.signup(uniqueName("bye"));

        Reply reply = logout(headers(key(), bearer(login.accessToken())));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(Json.mapper().readTree("{\"result\":{}}"));
        assertThat(reply.cookies()).singleElement().satisfies(c ->
                assertThat(c).startsWith("session=;").contains("Expires=Thu, 01 Jan 1970 00:00:")); // Tomcat: 00:00:10
        assertThat(me(login.accessToken()).status()).isEqualTo(401);
        assertThat(auth.post("/_auth/refresh", "{\"refresh_token\":\"" + login.refreshToken().orElseThrow() + "\"}",
                key()).status()).isEqualTo(401);
        assertThat(auth.count("SELECT count(*) FROM app._auth_session WHERE id = ?", login.sessionId())).isZero();
    }

    @Test
    void otherSessionsOfTheUserStay() {
        String name = uniqueName("twice");
        Login first = auth.signup(name);
        Login second = auth.login(name);

        assertThat(logout(headers(key(), bearer(first.accessToken()))).status()).isEqualTo(200);

        assertThat(me(first.accessToken()).status()).isEqualTo(401);
        assertThat(me(second.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void bodyIsIgnored() {
        Login login = auth.signup(uniqueName("nobody"));

        Reply reply = auth.send(HttpRequest.newBuilder(auth.server.uri("/_auth/logout"))
                .headers(headers(key(), bearer(login.accessToken())))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("not json at all")).build());

        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void cookieSessionLogsOutWithItsCookie() {
        Reply signup = auth.post("/_auth/signup", """
                {"login_ids":[{"key":"username","value":"%s"}],"password":"%s"}""".formatted(uniqueName("jar"), PASSWORD),
                key(APP_A, COOKIE));
        String cookie = signup.cookies().getFirst().split(";", 2)[0];

        Reply reply = logout(headers(key(APP_A, COOKIE), new String[] {"Cookie", cookie}));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(auth.post("/_auth/me", "{}", headers(key(APP_A, COOKIE), new String[] {"Cookie", cookie})).status())
                .isEqualTo(401);
    }

    @Test
    void withoutSessionIsNotAuthenticatedWithTryRefresh() {
        Reply reply = logout(key());

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.error().get("reason").asString()).isEqualTo("NotAuthenticated");
        assertThat(reply.error().get("message").asString()).isEqualTo("authentication required");
        assertThat(reply.header("x-skygear-try-refresh-token")).hasValue("true");
    }

    @Test
    void tokenAloneIsEnoughKey() {
        Login login = auth.signup(uniqueName("keyless"));

        assertThat(logout(bearer(login.accessToken())).status()).isEqualTo(200);
    }

    @Test
    void disabledUserCannotLogOut() {
        Login login = auth.signup(uniqueName("disabled"));
        auth.disable(login.userId(), null, null);

        Reply reply = logout(headers(key(), bearer(login.accessToken())));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.error().get("reason").asString()).isEqualTo("UserDisabled");
    }

    @Test
    void tokenOfAnotherTenantIsNotASession() {
        Login login = auth.signup(uniqueName("abroad"));

        Reply reply = logout(headers(key(APP_B, WEB), bearer(login.accessToken())));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(me(login.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void logoutIsAuditedAndFiresSessionDeleteHooks() {
        String name = uniqueName("hooked");
        Login login = auth.signup(APP_HOOKS, """
                {"login_ids":[{"key":"username","value":"%s"}],"password":"%s"}""".formatted(name, PASSWORD));

        assertThat(logout(headers(key(APP_HOOKS, WEB), bearer(login.accessToken()))).status()).isEqualTo(200);

        assertThat(auth.beforeHooks).filteredOn(e -> e.at("/payload/session/id").asString().equals(login.sessionId()))
                .extracting(e -> e.get("type").asString() + " " + e.at("/payload/reason").asString())
                .containsExactly("before_session_create signup", "before_session_delete logout");
        List<String> after = auth.sql().fetch("""
                SELECT event_type FROM app._auth_hook_outbox WHERE app_id = ? AND body LIKE ? ORDER BY id""",
                APP_HOOKS, "%\"after_session_delete\"%" + login.sessionId() + "%").getValues(0, String.class);
        assertThat(after).containsExactly("after_session_delete");
        assertThat(auth.count("SELECT count(*) FROM app._auth_audit_trail WHERE user_id = ? AND event = 'logout'",
                login.userId())).isEqualTo(1);
    }
}
