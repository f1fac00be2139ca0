package io.skygear.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skygear.core.config.UserConfig;
import io.skygear.testing.TestServer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AccessKeyFilterTest {

    /** Echoes the published key. */
    static final class KeyServlet extends JsonApiServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            ApiResponses.writeResult(resp, AccessKey.of(req));
        }
    }

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer()
                .filter(TestTenants.filter(""), "/*")
                .filter(new AccessKeyFilter(), "/keyed/*")
                .servlet(new KeyServlet(), "/*")
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode keyFor(String... headers) {
        return Json.mapper().readTree(server.get("/keyed/x", headers).body()).get("result");
    }

    @Test
    void masterKeyIsRecognised() {
        JsonNode key = keyFor("X-Skygear-API-Key", TestTenants.MASTER_KEY);
        assertThat(key.get("type").stringValue()).isEqualTo("MASTER_KEY");
        assertThat(key.get("client_id").isNull()).isTrue();
    }

    @Test
    void apiKeyResolvesToItsClient() {
        assertThat(keyFor("X-Skygear-API-Key", TestTenants.WEB_API_KEY).get("client_id").stringValue()).isEqualTo("web-app");
        JsonNode ios = keyFor("x-skygear-api-key", TestTenants.IOS_API_KEY);
        assertThat(ios.get("type").stringValue()).isEqualTo("API_KEY");
        assertThat(ios.get("client_id").stringValue()).isEqualTo("ios-app");
    }

    @Test
    void unknownMissingOrEmptyKeyIsNoAccessKey() {
        for (String[] headers : new String[][] {{"X-Skygear-API-Key", "nope"},
                {"X-Skygear-API-Key", TestTenants.WEB_API_KEY + "x"}, {"X-Skygear-API-Key", TestTenants.MASTER_KEY.substring(1)},
                {"X-Skygear-API-Key", TestTenants.MASTER_KEY.toUpperCase()}, {}}) {
            JsonNode key = keyFor(headers);
            assertThat(key.get("type").stringValue()).isEqualTo("NO_ACCESS_KEY");
            assertThat(key.get("client_id").isNull()).isTrue();
        }
    }

    @Test
    void withoutTheFilterTheRequestHasNoAccessKey() {
        JsonNode key = Json.mapper().readTree(server.get("/open", "X-Skygear-API-Key", TestTenants.MASTER_KEY).body())
                .get("result");
        assertThat(key.get("type").stringValue()).isEqualTo("NO_ACCESS_KEY");
    }

    @Test
    void resolutionNeverMatchesEmptySecrets() {
        UserConfig config = TestTenants.withCors("").userConfig();
        assertThat(AccessKey.resolve(config, "")).isEqualTo(AccessKey.NONE);
        assertThat(AccessKey.resolve(config, null)).isEqualTo(AccessKey.NONE);
        assertThat(AccessKey.resolve(config, TestTenants.IOS_API_KEY)).isEqualTo(AccessKey.apiKey("ios-app"));
        assertThat(AccessKey.resolve(config, TestTenants.MASTER_KEY).isMasterKey()).isTrue();
    }

    @Test
    void clientIdGoesWithApiKeyOnly() {
        assertThatThrownBy(() -> new AccessKey(AccessKey.Type.MASTER_KEY, Optional.of("web-app")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AccessKey(AccessKey.Type.API_KEY, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
