package io.skygear.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.skygear.core.config.CustomTokenConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wire compatibility with the reference client: the real {@code @skygear/node-client} 2.0.0-alpha.16
 * from npm ({@code src/test/node}) runs one script per area against the example app over HTTP, each
 * printing {@code PASS <step>} lines. The app runs the compat tenant ({@code compat-tenant-config.yaml}):
 * SMTP to a GreenMail server, the OpenID provider {@code corp} on mock-oauth2-server with the access-token
 * flow on, custom tokens, OOB e-mail MFA, e-mail verification, and a client whose access tokens live three
 * seconds. The scripts read mails and provider tokens from {@link ScriptBackchannel}. Needs {@code node} and
 * {@code npm} on the PATH: without them the tests are skipped locally and fail in CI ({@code CI=true}).
 */
class NodeClientCompatTest {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    static Path dataDir;

    static GreenMail mail;
    static MockOAuth2Server oidc;
    static ScriptBackchannel backchannel;
    static HostApp app;
    static NodeProject node;

    @BeforeAll
    static void setUp() throws Exception {
        node = NodeProject.prepare();
        // a loaded machine may take more than GreenMail's default 2 s to open a port
        System.setProperty("greenmail.startup.timeout", "30000");
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        oidc = new MockOAuth2Server();
        oidc.start();
        backchannel = ScriptBackchannel.start(mail, oidc);
        app = HostApp.start(new HostAppOptions(Optional.of(tenantConfig()), 0, dataDir));
    }

    /** The compat tenant's YAML with this run's SMTP port and issuer, written into the data dir. */
    private static Path tenantConfig() throws IOException {
        String yaml;
        try (InputStream in = NodeClientCompatTest.class.getResourceAsStream("/compat-tenant-config.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path file = dataDir.resolve("compat-tenant-config.yaml");
        Files.writeString(file, yaml
                .replace("@SMTP_PORT@", Integer.toString(mail.getSmtp().getPort()))
                .replace("@OIDC_ISSUER@", oidc.issuerUrl(ScriptBackchannel.ISSUER_ID).toString()));
        return file;
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (backchannel != null) {
            backchannel.close();
        }
        if (oidc != null) {
            oidc.shutdown();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    /**
     * {@code compat.mjs}: signup → me → change password → session list/revoke → logout → login → me →
     * asset upload (fetched back from {@code /_asset/get/<name>}).
     */
    @Test
    void nodeClientRunsTheAccountLifecycle() throws Exception {
        assertScriptPasses("compat.mjs", List.of("signup", "me", "change_password", "second_login",
                "session_list", "session_revoke", "logout", "login", "me_after_login", "asset_upload"));
    }

    /**
     * {@code mfa.mjs}: sets up TOTP (codes computed in JS from the secret), logs in through the MFA step, is
     * refused a replayed code, trusts the device with a bearer token, uses a recovery code and deletes the
     * authenticator.
     */
    @Test
    void nodeClientSetsUpTotpAndLogsInWithMfa() throws Exception {
        assertScriptPasses("mfa.mjs", List.of("signup", "totp_new", "totp_activate", "login_requires_mfa",
                "totp_replay_refused", "totp_authenticate", "login_with_trusted_device", "recovery_code",
                "delete_authenticator"));
    }

    /**
     * {@code sessions.mjs}: getSession of the current session and of another by id (unknown and foreign ids
     * are {@code SessionNotFound}), the device name sent as extra info, revokeOtherSessions, and the
     * automatic refresh of an expired access token (client {@code short-lived}, three-second tokens).
     */
    @Test
    void nodeClientReadsRevokesAndRefreshesSessions() throws Exception {
        assertScriptPasses("sessions.mjs", List.of("signup", "get_current_session", "get_session_by_id",
                "revoke_other_sessions", "access_token_refresh"),
                Map.of("SKYGEAR_SHORT_LIVED_API_KEY",
                        app.config().userConfig().client("short-lived").orElseThrow().apiKey()));
    }

    /**
     * {@code account.mjs}: signup with three login IDs, updateMetadata, e-mail verification with the mailed
     * code, the phone verification request (no SMS provider in the example app, so its code is not read
     * back), forgot password and the reset with the code of the mailed link (once only), login by username.
     */
    @Test
    void nodeClientUpdatesVerifiesAndResetsAccounts() throws Exception {
        assertScriptPasses("account.mjs", List.of("signup", "update_metadata", "verify_request_email", "verify_code",
                "verify_request_phone", "forgot_password", "reset_password"));
    }

    /**
     * {@code custom_token.mjs}: HS256 tokens signed by the script log in (the same user twice); a bad
     * signature, an expired token or another issuer is {@code SSOFailed}; a duplicate e-mail is refused
     * unless the login asks to merge.
     */
    @Test
    void nodeClientLogsInWithCustomTokens() throws Exception {
        CustomTokenConfig customToken = app.config().userConfig().sso().customToken();
        assertScriptPasses("custom_token.mjs", List.of("first_login", "second_login_same_user",
                "bad_signature_refused", "expired_token_refused", "duplicate_email_merge"),
                Map.of("SKYGEAR_CUSTOM_TOKEN_SECRET", customToken.secret(),
                        "SKYGEAR_CUSTOM_TOKEN_ISSUER", customToken.issuer(),
                        "SKYGEAR_CUSTOM_TOKEN_AUDIENCE", customToken.audience()));
    }

    /**
     * {@code sso.mjs}: login, link and unlink with access tokens of the mock OpenID provider; the shape of
     * the authorization URL (alpha.16 sends no PKCE challenge, which the server requires).
     */
    @Test
    void nodeClientLogsInAndLinksWithProviderAccessTokens() throws Exception {
        assertScriptPasses("sso.mjs", List.of("login_with_access_token", "second_login_same_user",
                "bad_access_token_refused", "link_with_access_token", "delete_oauth_provider",
                "oauth_authorization_url"),
                Map.of("SKYGEAR_SSO_CALLBACK_URL",
                        app.config().userConfig().sso().oauth().allowedCallbackUrls().getFirst()));
    }

    /**
     * {@code mfa_oob.mjs}: an OOB e-mail authenticator activated with the mailed code, getAuthenticators,
     * listing and regenerating recovery codes, the MFA login step with triggerOOB/authenticateWithOOB, the
     * trusted-device bearer token, revokeAllBearerToken, and MFA on a logged-in session (the rotated access
     * token reaches the client).
     */
    @Test
    void nodeClientSetsUpOobEmailAndLogsInWithMfa() throws Exception {
        assertScriptPasses("mfa_oob.mjs", List.of("signup", "oob_new", "oob_activate", "get_authenticators",
                "list_recovery_code", "regenerate_recovery_code", "login_requires_mfa", "oob_authenticate",
                "login_with_trusted_device", "revoke_all_bearer_token", "delete_authenticator",
                "authenticate_on_existing_session"));
    }

    /**
     * {@code asset.mjs}: a private upload with its own headers (401 unsigned, served by a signed URL), a
     * stream upload with a declared size, the upload form ({@code _presignUploadForm}), and a PNG fetched
     * through an image pipeline built by the client.
     */
    @Test
    void nodeClientUploadsAssetsWithOptions() throws Exception {
        assertScriptPasses("asset.mjs", List.of("signup", "private_asset_with_headers", "stream_upload_with_size",
                "upload_form", "image_pipeline"),
                Map.of("SKYGEAR_MASTER_KEY", app.config().userConfig().masterKey()));
    }

    private static void assertScriptPasses(String script, List<String> steps) throws Exception {
        assertScriptPasses(script, steps, Map.of());
    }

    private static void assertScriptPasses(String script, List<String> steps, Map<String, String> extraEnv)
            throws Exception {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("SKYGEAR_ENDPOINT", app.uri("").toString());
        env.put("SKYGEAR_API_KEY", app.config().userConfig().clients().getFirst().apiKey());
        env.put("SKYGEAR_TEST_HELPER", backchannel.uri().toString());

        NodeProject.Run run = node.run(script, env, RUN_TIMEOUT);

        assertThat(run.exitCode())
                .as("node %s exit code; output:%n%s", script, String.join("\n", run.output()))
                .isZero();
        List<String> passed = run.output().stream()
                .filter(line -> line.startsWith("PASS "))
                .map(line -> line.substring("PASS ".length()).split(":", 2)[0])
                .toList();
        assertThat(passed).as("steps of %s that passed, in order", script).containsExactlyElementsOf(steps);
        assertThat(run.output()).last().isEqualTo("ALL PASSED (" + steps.size() + " steps)");
    }
}
