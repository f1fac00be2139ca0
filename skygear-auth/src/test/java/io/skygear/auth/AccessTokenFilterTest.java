package io.skygear.auth;

import static io.skygear.auth.AuthFixture.APP_A;
import static io.skygear.auth.AuthFixture.APP_B;
import static io.skygear.auth.AuthFixture.APP_HEADER;
import static io.skygear.auth.AuthFixture.COOKIE;
import static io.skygear.auth.AuthFixture.NO_REFRESH;
import static io.skygear.auth.AuthFixture.PASSWORD;
import static io.skygear.auth.AuthFixture.WEB;
import static io.skygear.auth.AuthFixture.bearer;
import static io.skygear.auth.AuthFixture.headers;
import static io.skygear.auth.AuthFixture.key;
import static io.skygear.auth.AuthFixture.master;
import static io.skygear.auth.AuthFixture.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.AuthFixture.Login;
import io.skygear.auth.AuthFixture.Reply;
import io.skygear.core.http.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@link AccessTokenFilter} as a host servlet ({@code /api/whoami}) sees it through {@link AuthContext}. */
class AccessTokenFilterTest {

    static AuthFixture auth;
    static Login login;
    static String cookie;

    @BeforeAll
    static void start() {
        auth = AuthFixture.start();
        login = auth.signup(uniqueName("caller"));
        cookie = auth.post("/_auth/signup", """
                {"login_ids":[{"key":"username","value":"%s"}],"password":"%s"}""".formatted(uniqueName("browser"),
                PASSWORD), key(APP_A, COOKIE)).cookies().getFirst().split(";", 2)[0];
    }

    @AfterAll
    static void stop() {
        auth.close();
    }

    static Reply whoami(String... headers) {
        return auth.get("/api/whoami", headers);
    }

    static JsonNode anonymous(String accessKey) {
        return Json.mapper().readTree("{\"authenticated\":false,\"access_key\":\"" + accessKey + "\"}");
    }

    @Test
    void withoutTokenTheCallerIsAnonymousWithItsKey() {
        assertThat(whoami().json()).isEqualTo(anonymous("NO_ACCESS_KEY"));
        assertThat(whoami(key()).json()).isEqualTo(Json.mapper().readTree(
                "{\"authenticated\":false,\"access_key\":\"API_KEY\",\"client_id\":\"web\"}"));
    }

    @Test
    void bearerTokenPublishesUserSessionIdentityAndTheSessionsClientAsKey() {
        Reply reply = whoami(bearer(login.accessToken()));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode caller = reply.json();
        assertThat(caller.get("authenticated").asBoolean()).isTrue();
        assertThat(caller.get("access_key").asString()).isEqualTo("API_KEY");
        assertThat(caller.get("client_id").asString()).isEqualTo(WEB);
        assertThat(caller.get("user_id").asString()).isEqualTo(login.userId());
        assertThat(caller.get("session_id").asString()).isEqualTo(login.sessionId());
        assertThat(caller.get("identity_type").asString()).isEqualTo("password");
        assertThat(caller.get("identity_id").asString())
                .isEqualTo(login.result().get("identity").get("id").asString());
    }

    @Test
    void schemeIsCaseInsensitive() {
        assertThat(whoami("Authorization", "bEaReR " + login.accessToken()).json().get("authenticated").asBoolean())
                .isTrue();
    }

    @Test
    void otherSchemesAndEmptyTokensAreNoToken() {
        assertThat(whoami("Authorization", "Basic dXNlcjpwYXNz").json()).isEqualTo(anonymous("NO_ACCESS_KEY"));
        assertThat(whoami("Authorization", "Bearer ").json()).isEqualTo(anonymous("NO_ACCESS_KEY"));
        assertThat(whoami("Authorization", "Bearer ").cookies()).isEmpty();
    }

    @Test
    void masterKeyStaysWithASession() {
        JsonNode caller = whoami(headers(master(APP_A), bearer(login.accessToken()))).json();

        assertThat(caller.get("access_key").asString()).isEqualTo("MASTER_KEY");
        assertThat(caller.get("client_id").asString()).isEqualTo(WEB);
        assertThat(caller.get("user_id").asString()).isEqualTo(login.userId());
    }

    @Test
    void sessionCookieAuthenticatesCookieClients() {
        JsonNode caller = whoami("Cookie", cookie).json();

        assertThat(caller.get("authenticated").asBoolean()).isTrue();
        assertThat(caller.get("client_id").asString()).isEqualTo(COOKIE);
    }

    @Test
    void headerAndCookieTogetherAreAConflictThatClearsTheCookie() {
        Reply reply = whoami(headers(bearer(login.accessToken()), new String[] {"Cookie", cookie}));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(anonymous("NO_ACCESS_KEY"));
        assertThat(reply.cookies()).singleElement().satisfies(c -> assertThat(c).startsWith("session=;"));
    }

    @Test
    void invalidTokenNeverRejectsTheRequest() {
        Reply reply = whoami(headers(key(), bearer("no-such-token")));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("authenticated").asBoolean()).isFalse();
        assertThat(reply.cookies()).as("no cookie came, none is cleared").isEmpty();
    }

    @Test
    void invalidCookieIsCleared() {
        Reply reply = whoami("Cookie", "session=stale.token");

        assertThat(reply.json()).isEqualTo(anonymous("NO_ACCESS_KEY"));
        assertThat(reply.cookies()).singleElement().satisfies(c ->
                assertThat(c).startsWith("session=;").contains("Path=/", "HttpOnly"));
    }

    @Test
    void tokenOfTenantAIsNobodyAtTenantB() {
        JsonNode caller = whoami(APP_HEADER, APP_B, "Authorization", "Bearer " + login.accessToken()).json();

        assertThat(caller).isEqualTo(anonymous("NO_ACCESS_KEY"));
        assertThat(whoami(headers(key(APP_B, WEB), bearer(login.accessToken()))).json().get("authenticated").asBoolean())
                .isFalse();
    }

    @Test
    void apiKeyOfAnotherClientRejectsTheToken() {
        JsonNode caller = whoami(headers(key(APP_A, NO_REFRESH), bearer(login.accessToken()))).json();

        assertThat(caller.get("authenticated").asBoolean()).isFalse();
        assertThat(caller.get("client_id").asString()).isEqualTo(NO_REFRESH);
    }
}
