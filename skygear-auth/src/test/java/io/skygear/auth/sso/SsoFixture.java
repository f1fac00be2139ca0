package io.skygear.auth.sso;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.skygear.auth.AuthGear;
import io.skygear.auth.AuthSettings;
import io.skygear.auth.internal.sso.Pkce;
import io.skygear.core.config.TenantConfig;
import io.skygear.core.db.Database;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.http.AccessKeyFilter;
import io.skygear.core.http.Json;
import io.skygear.core.http.RequestIdFilter;
import io.skygear.core.migrate.Migrations;
import io.skygear.core.tenant.TenantContext;
import io.skygear.core.tenant.TenantFilter;
import io.skygear.core.tenant.TenantQuotas;
import io.skygear.testing.TestDatabase;
import io.skygear.testing.TestServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import tools.jackson.databind.JsonNode;

/**
 * The auth gear with SSO configured, as a host app mounts it, for the SSO and custom-token tests: a fresh
 * migrated database, Jetty with the gear, a real OpenID provider in-process (mock-oauth2-server) behind
 * providers {@code corp} (generic OIDC, by discovery), {@code google} (endpoint overrides), {@code azure}
 * and {@code apple} (issuer overrides), fake Facebook, Instagram and LinkedIn at {@code /fake/*}, a JWK
 * set at {@code /keys/jwks.json}, and a recorder of before-hooks at {@code /hooks/*}. Tenants (header
 * {@value #APP_HEADER}): {@value #APP} allows everything, {@value #STRICT} allows no merge/create,
 * {@value #EC} and {@value #JWKS} take custom tokens signed with an EC key or a published key,
 * {@value #OFF} has custom tokens and the access-token flow disabled; {@value #QUOTA} is on a plan of one user.
 */
final class SsoFixture implements AutoCloseable {

    static final String APP = "sso";
    static final String STRICT = "strict";
    static final String EC = "ec";
    static final String JWKS = "jwks";
    static final String OFF = "off";
    static final String QUOTA = "quota";
    static final String APP_HEADER = "X-Test-App";
    static final String CALLBACK = "http://app.example.com/sso/callback";
    static final String MOBILE_CALLBACK = "com.example.app://sso";
    static final String ISSUER = "myissuer";
    static final String AUDIENCE = "myaudience";
    static final String SECRET = "ssosecret";
    static final String PASSWORD = "secret-pw-1";
    /** How long the gear waits for a provider; the fake {@code slow} provider answers later. */
    static final Duration PROVIDER_TIMEOUT = Duration.ofSeconds(2);

    /** The outcome of a provider flow: what reached the callback URL. */
    record FlowResult(int status, String location, JsonNode result) {

        String code() {
            if (result == null || !result.has("result")) {
                throw new AssertionError("no code in " + result + " (status " + status + ", location " + location + ")");
            }
            return result.get("result").asString();
        }

        JsonNode error() {
            return result.get("error");
        }
    }

    /** One HTTP answer with its body parsed when it is JSON. */
    record Reply(int status, String body, java.net.http.HttpHeaders headers) {

        JsonNode json() {
            return Json.mapper().readTree(body);
        }

        JsonNode result() {
            return json().get("result");
        }

        JsonNode error() {
            return json().get("error");
        }
    }

    /** Real time (the OpenID provider stamps its tokens with it), shifted by tests that expire things. */
    final ShiftedClock clock = new ShiftedClock();
    final MockOAuth2Server oidc = new MockOAuth2Server();
    final FakeProviders fake = new FakeProviders();
    final List<JsonNode> beforeHooks = new CopyOnWriteArrayList<>();
    final RSAKey rsa;
    final ECKey ec;
    final ECKey apple;
    final Database database;
    final AuthGear gear;
    final TestServer server;
    final int closedPort;
    private final Map<String, TenantContext> tenants = new ConcurrentHashMap<>();

    SsoFixture() {
        try {
            rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
            ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
            apple = new ECKeyGenerator(Curve.P_256).keyID("apple-key").generate();
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        oidc.start();
        TestDatabase testDatabase = TestDatabase.create();
        database = Database.builder().jdbcUrl(testDatabase.jdbcUrl()).username("postgres").schema("app")
                .maximumPoolSize(16).minimumIdle(0).build();
        Migrations.configure().database(database).modules("core", "auth").load().up();
        gear = AuthGear.builder().databases(DatabaseResolver.fixed(database))
                .settings(AuthSettings.builder().insecureCookie(true).sessionCacheTtl(Duration.ofSeconds(1))
                        .ssoProviderTimeout(PROVIDER_TIMEOUT).build())
                .clock(clock).build();
        String keys = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString();
        server = new TestServer()
                .filter(new RequestIdFilter(), "/*")
                .filter(new TenantFilter(r -> Optional.ofNullable(tenants.get(
                        Optional.ofNullable(r.getHeader(APP_HEADER)).orElse(APP)))), "/_auth/*")
                .filter(new AccessKeyFilter(), "/_auth/*")
                .filter(gear.accessTokenFilter(), "/_auth/*")
                .servlet(gear.servlet(), "/_auth/*")
                .servlet(fake, "/fake/*")
                .servlet(new Text("application/json", keys), "/keys/jwks.json")
                .servlet(new HookRecorder(beforeHooks), "/hooks/*")
                .servlet(new Text("text/html", OPENER_PAGE), "/app/opener")
                .servlet(new Text("text/html", "<!DOCTYPE html><title>callback</title>"), "/app/callback")
                .start();
        tenants.put(APP, contextOf(config(APP, true, "public_key: |\n" + indent(pem(rsa), 10), HOOKS)));
        tenants.put(STRICT, contextOf(config(STRICT, false, "", "")));
        tenants.put(EC, contextOf(config(EC, true, "public_key: |\n" + indent(pem(ec), 10), "")));
        tenants.put(JWKS, contextOf(config(JWKS, true, "jwks_url: " + server.uri("/keys/jwks.json"), "")));
        tenants.put(OFF, contextOf(config(OFF, true, "", "").replaceCustomTokenEnabled()));
        tenants.put(QUOTA, TenantContext.of(TenantConfig.parseYaml(config(QUOTA, true, "", "").yaml()),
                new TenantQuotas(OptionalLong.of(1), OptionalLong.empty(), OptionalLong.empty())));
    }

    /** A callback page on the fixture's own origin, for the browser test of {@code web_popup}. */
    static final String APP_CALLBACK_PATH = "/app/callback";

    /**
     * The app's page that opens the SSO popup: {@code openPopup(url)} opens it; {@code collected(ms)}
     * resolves with the messages posted to this window once the {@code end} message came, or with
     * those so far after {@code ms}.
     */
    static final String OPENER_PAGE = """
            <!DOCTYPE html>
            <html><head><title>opener</title></head><body>
            <script>
            var messages = [];
            var ended = null;
            var end = new Promise(function (resolve) { ended = resolve; });
            window.addEventListener("message", function (e) {
              messages.push({ origin: e.origin, data: e.data });
              if (e.data && e.data.type === "end") { ended(); }
            });
            function openPopup(url) {
              return window.open(url, "sso", "width=400,height=600") !== null;
            }
            function collected(ms) {
              return Promise.race([end, new Promise(function (r) { setTimeout(r, ms); })])
                  .then(function () { return messages; });
            }
            </script>
            </body></html>
            """;

    private static final String HOOKS = """
            hooks:
              - { event: before_user_create, url: /hooks/before }
              - { event: before_identity_create, url: /hooks/before }
              - { event: before_identity_delete, url: /hooks/before }
              - { event: before_session_create, url: /hooks/before }
            """;

    /** A tenant's YAML; {@link ConfigText#replaceCustomTokenEnabled()} turns custom tokens off. */
    record ConfigText(String yaml) {

        ConfigText replaceCustomTokenEnabled() {
            return new ConfigText(yaml.replace("enabled: true # custom token", "enabled: false"));
        }
    }

    private ConfigText config(String appId, boolean allow, String customTokenKeys, String hooks) {
        String mock = oidc.baseUrl().toString().replaceAll("/$", "");
        String fakeBase = server.uri("/fake").toString();
        String yaml = """
                version: "1"
                app_id: %1$s
                app_name: %1$s
                app_config:
                  database_url: postgres://localhost/unused
                  database_schema: app
                user_config:
                  master_key: master-%1$s
                  clients:
                    - { id: web, name: Web, api_key: key-%1$s, session_transport: header }
                  auth:
                    authentication_session: { secret: authn-%1$s }
                    login_id_keys:
                      - { key: email, type: email }
                      - { key: username, type: raw }
                  welcome_email: { enabled: true }
                  hook: { secret: hook-%1$s }
                  asset: { secret: asset-%1$s }
                  sso:
                    custom_token:
                      enabled: true # custom token
                      issuer: %2$s
                      audience: %3$s
                      secret: %4$s
                      on_user_duplicate_allow_merge: %5$s
                      on_user_duplicate_allow_create: %5$s
                      %6$s
                    oauth:
                      state_jwt_secret: state-%1$s
                      allowed_callback_urls: [ "%7$s", "%8$s", "%14$s" ]
                      external_access_token_flow_enabled: %13$s
                      on_user_duplicate_allow_merge: %5$s
                      on_user_duplicate_allow_create: %5$s
                      providers:
                        - { id: corp, type: oidc, client_id: corp-client, client_secret: corp-secret, issuer: "%9$s/corp" }
                        - { id: google, type: google, client_id: google-client, client_secret: google-secret, scope: openid email,
                            authorization_endpoint: "%9$s/google/authorize", token_endpoint: "%9$s/google/token",
                            userinfo_endpoint: "%9$s/google/userinfo" }
                        - { id: azure, type: azureadv2, tenant: contoso, client_id: azure-client, client_secret: azure-secret,
                            issuer: "%9$s/azure" }
                        - { id: apple, type: apple, client_id: com.example.app, key_id: apple-key, team_id: TEAM1, scope: openid email,
                            issuer: "%9$s/apple", client_secret: "%10$s" }
                        - { id: facebook, type: facebook, client_id: fb, client_secret: fb-secret,
                            authorization_endpoint: "%11$s/facebook/authorize", token_endpoint: "%11$s/facebook/token",
                            userinfo_endpoint: "%11$s/facebook/me" }
                        - { id: instagram, type: instagram, client_id: ig, client_secret: ig-secret,
                            authorization_endpoint: "%11$s/instagram/authorize", token_endpoint: "%11$s/instagram/token",
                            userinfo_endpoint: "%11$s/instagram/users/self" }
                        - { id: linkedin, type: linkedin, client_id: li, client_secret: li-secret,
                            authorization_endpoint: "%11$s/linkedin/authorize", token_endpoint: "%11$s/linkedin/token",
                            userinfo_endpoint: "%11$s/linkedin/v2/me" }
                        - { id: slow, type: facebook, client_id: fb, client_secret: fb-secret,
                            authorization_endpoint: "%11$s/facebook/authorize", token_endpoint: "%11$s/slow/token",
                            userinfo_endpoint: "%11$s/facebook/me" }
                        - { id: down, type: facebook, client_id: fb, client_secret: fb-secret,
                            authorization_endpoint: "%11$s/facebook/authorize",
                            token_endpoint: "http://127.0.0.1:%12$d/token", userinfo_endpoint: "%11$s/facebook/me" }
                """.formatted(appId, ISSUER, AUDIENCE, SECRET, allow, customTokenKeys, CALLBACK, MOBILE_CALLBACK, mock,
                pkcs8(apple).replace("\n", "\\n"), fakeBase, closedPort, !OFF.equals(appId),
                server.uri(APP_CALLBACK_PATH)) + hooks;
        return new ConfigText(yaml);
    }

    private static TenantContext contextOf(ConfigText text) {
        return TenantContext.of(TenantConfig.parseYaml(text.yaml()));
    }

    static String[] key(String appId) {
        return new String[] {APP_HEADER, appId, "X-Skygear-API-Key", "key-" + appId};
    }

    static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    static String[] headers(String[]... groups) {
        return Arrays.stream(groups).flatMap(Arrays::stream).toArray(String[]::new);
    }

    Reply post(String path, String json, String... headers) {
        HttpResponse<String> response = server.postJson(path, json, headers);
        return new Reply(response.statusCode(), response.body(), response.headers());
    }

    Reply get(URI uri, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<String> response = server.send(request.build());
        return new Reply(response.statusCode(), response.body(), response.headers());
    }

    /** Signs up a password user with this e-mail address in {@code appId}; returns {@code {user_id, access_token}}. */
    JsonNode signup(String appId, String email) {
        Reply reply = post("/_auth/signup", """
                {"login_ids":[{"key":"email","value":"%s"}],"password":"%s"}""".formatted(email, PASSWORD), key(appId));
        if (reply.status() != 200) {
            throw new AssertionError("signup: " + reply.body());
        }
        return reply.result();
    }

    /** The next login at the mock OpenID provider's {@code issuerId} is {@code subject} with these claims. */
    void nextOidcUser(String issuerId, String subject, Map<String, Object> claims) {
        oidc.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, subject, "JWT", null, claims, 3600));
    }

    // ---- the browser's part of a flow

    /** A PKCE verifier and its challenge. */
    record Pkce(String verifier, String challenge) {

        static SsoFixture.Pkce fresh() {
            String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
            return new SsoFixture.Pkce(verifier, io.skygear.auth.internal.sso.Pkce.challenge(verifier));
        }
    }

    /** {@code login_auth_url} or {@code link_auth_url}: the reply whose result is the auth_redirect URL. */
    Reply authUrl(String appId, String provider, String action, String body, String... extraHeaders) {
        return post("/_auth/sso/" + provider + "/" + action + "_auth_url", body, headers(key(appId), extraHeaders));
    }

    static String authUrlBody(String callback, String uxMode, String challenge, String onUserDuplicate) {
        return "{\"callback_url\":\"%s\",\"ux_mode\":\"%s\",\"code_challenge\":\"%s\"%s}".formatted(callback, uxMode,
                challenge, onUserDuplicate == null ? "" : ",\"on_user_duplicate\":\"" + onUserDuplicate + "\"");
    }

    /** What {@code auth_redirect} answered: the provider's authorization URL and the nonce cookie. */
    record Redirected(int status, URI location, String nonceCookie, String body) {

        String state() {
            return query(location).get("state");
        }
    }

    Redirected redirect(String appId, String authRedirectUrl) {
        Reply reply = get(URI.create(authRedirectUrl), APP_HEADER, appId);
        String cookie = reply.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("oidc_nonce="))
                .map(c -> c.substring("oidc_nonce=".length(), c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst().orElse(null);
        return new Redirected(reply.status(), reply.headers().firstValue("Location").map(URI::create).orElse(null), cookie,
                reply.body());
    }

    /**
     * The provider's part: follows the authorization URL and answers the provider's redirect (or form post)
     * to {@code auth_handler}, with the nonce cookie; returns what {@code auth_handler} answered.
     */
    Reply approveAtProvider(String appId, Redirected redirected) {
        Reply provider = get(redirected.location());
        String cookie = "oidc_nonce=" + redirected.nonceCookie();
        if (provider.status() == 302) {
            return get(URI.create(provider.headers().firstValue("Location").orElseThrow()), APP_HEADER, appId,
                    "Cookie", cookie);
        }
        // response_mode=form_post: an auto-submitting form
        Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(provider.body());
        if (provider.status() != 200 || !action.find()) {
            throw new AssertionError("provider answered " + provider.status() + ": " + provider.body());
        }
        Matcher input = Pattern.compile("name=\"([^\"]+)\"\\s+value=\"([^\"]*)\"").matcher(provider.body());
        List<String> fields = new ArrayList<>();
        while (input.find()) {
            fields.add(input.group(1) + "=" + java.net.URLEncoder.encode(unescape(input.group(2)), StandardCharsets.UTF_8));
        }
        HttpResponse<String> posted = server.send(HttpRequest.newBuilder(URI.create(unescape(action.group(1))))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(APP_HEADER, appId).header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", fields))).build());
        return new Reply(posted.statusCode(), posted.body(), posted.headers());
    }

    /** The whole browser side: auth URL → redirect → provider → auth_handler → the callback's result. */
    FlowResult flow(String appId, String provider, String action, String callback, String uxMode, Pkce pkce,
                    String onUserDuplicate, String... extraHeaders) {
        Reply url = authUrl(appId, provider, action, authUrlBody(callback, uxMode, pkce.challenge(), onUserDuplicate),
                extraHeaders);
        if (url.status() != 200) {
            throw new AssertionError("auth url: " + url.body());
        }
        Redirected redirected = redirect(appId, url.result().asString());
        return callbackResult(approveAtProvider(appId, redirected));
    }

    /** What {@code auth_handler} handed to the callback URL ({@code x-skygear-result}, decoded). */
    static FlowResult callbackResult(Reply handler) {
        String location = handler.headers().firstValue("Location").orElse(null);
        if (handler.status() != 302 || location == null) {
            return new FlowResult(handler.status(), location, null);
        }
        String encoded = query(URI.create(location)).get("x-skygear-result");
        JsonNode result = encoded == null ? null
                : Json.mapper().readTree(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
        return new FlowResult(handler.status(), location, result);
    }

    Reply authResult(String appId, String code, String verifier) {
        return post("/_auth/sso/auth_result", """
                {"authorization_code":"%s","code_verifier":"%s"}""".formatted(code, verifier), key(appId));
    }

    static Map<String, String> query(URI uri) {
        String query = uri.getRawQuery();
        if (query == null) {
            return Map.of();
        }
        return Arrays.stream(query.split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "", (a, b) -> a));
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&quot;", "\"").replace("&#x2F;", "/").replace("&#47;", "/")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'").replace("&#x3D;", "=");
    }

    /** The single number {@code query} returns. */
    long count(String query, Object... binds) {
        return ((Number) database.dsl().fetchValue(query, binds)).longValue();
    }

    /** Before-hook event types received so far. */
    List<String> beforeHookTypes() {
        return beforeHooks.stream().map(e -> e.path("type").asString()).toList();
    }

    static String pem(com.nimbusds.jose.jwk.AsymmetricJWK key) {
        try {
            return "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.toPublicKey().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String pkcs8(ECKey key) {
        try {
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.toPrivateKey().getEncoded())
                    + "\n-----END PRIVATE KEY-----";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String indent(String text, int spaces) {
        String pad = " ".repeat(spaces);
        return text.lines().map(l -> pad + l).collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        server.close();
        gear.close();
        database.close();
        oidc.shutdown();
    }

    /** The system clock plus an offset that tests move. */
    static final class ShiftedClock extends java.time.Clock {

        private volatile Duration offset = Duration.ZERO;

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** Serves a fixed document. */
    static final class Text extends HttpServlet {

        private final String contentType;
        private final String body;

        Text(String contentType, String body) {
            this.contentType = contentType;
            this.body = body;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType(contentType);
            response.getWriter().write(body);
        }
    }

    /** Records before-hook events and allows them; answers after-hooks with 200. */
    static final class HookRecorder extends HttpServlet {

        private final List<JsonNode> before;

        HookRecorder(List<JsonNode> before) {
            this.before = before;
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            JsonNode event = Json.mapper().readTree(request.getInputStream());
            if ("/before".equals(request.getPathInfo())) {
                before.add(event);
            }
            response.setContentType("application/json");
            response.getWriter().write("{\"is_allowed\":true}");
        }
    }
}
