package io.skygear.auth.sso;

import static io.skygear.auth.sso.SsoFixture.APP;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.sso.SsoFixture.Pkce;
import io.skygear.auth.sso.SsoFixture.Reply;
import io.skygear.core.http.Json;
import io.skygear.testing.Chromium;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The {@code web_popup} page in a real browser: the app's page opens the flow in a popup, the popup
 * goes through the OpenID provider and back to {@code auth_handler}, and its page posts the
 * authorization code to the opener, which redeems it.
 */
class SsoPopupBrowserTest {

    static SsoFixture sso;

    @BeforeAll
    static void start() {
        sso = new SsoFixture();
    }

    @AfterAll
    static void stop() {
        sso.close();
    }

    @Test
    void thePopupPostsTheCodeToTheOpenerWhichRedeemsIt() {
        try (Chromium browser = Chromium.launch()) {
            sso.nextOidcUser("corp", "popup-user", Map.of("email", "popup@example.com"));
            Pkce pkce = Pkce.fresh();
            String callback = sso.server.uri(SsoFixture.APP_CALLBACK_PATH).toString();
            String url = sso.authUrl(APP, "corp", "login",
                    SsoFixture.authUrlBody(callback, "web_popup", pkce.challenge(), null)).result().asString();
            browser.open(sso.server.uri("/app/opener").toString());

            assertThat(browser.evaluate("openPopup(" + Json.mapper().writeValueAsString(url) + ")").asBoolean())
                    .as("popup opened").isTrue();
            // the popup goes through the provider on its own; wait for its last message, in bounded steps
            JsonNode messages = browser.evaluate("collected(10000)");
            for (int i = 0; i < 5 && messages.size() < 2; i++) {
                messages = browser.evaluate("collected(10000)");
            }

            assertThat(messages).hasSize(2);
            JsonNode result = messages.get(0);
            assertThat(result.get("origin").asString()).isEqualTo(sso.server.uri("").toString());
            assertThat(result.get("data").get("type").asString()).isEqualTo("result");
            assertThat(messages.get(1).get("data").get("type").asString()).isEqualTo("end");
            String code = result.get("data").get("result").get("result").asString();
            Reply reply = sso.authResult(APP, code, pkce.verifier());
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.result().get("identity").get("provider_user_id").asString()).isEqualTo("popup-user");
        }
    }
}
