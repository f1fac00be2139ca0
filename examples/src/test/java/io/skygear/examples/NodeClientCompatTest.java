package io.skygear.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wire compatibility with the reference client: the real {@code @skygear/node-client} 2.0.0-alpha.16
 * from npm ({@code src/test/node}) runs scripts against the example app over HTTP, each printing
 * {@code PASS <step>} lines. Needs {@code node} and {@code npm} on the PATH: without them the tests are
 * skipped locally and fail in CI ({@code CI=true}).
 */
class NodeClientCompatTest {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    static Path dataDir;

    static HostApp app;
    static NodeProject node;

    @BeforeAll
    static void setUp() throws Exception {
        node = NodeProject.prepare();
        app = HostApp.start(new HostAppOptions(Optional.empty(), 0, dataDir));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
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
     * authenticator (the example app has MFA {@code optional}).
     */
    @Test
    void nodeClientSetsUpTotpAndLogsInWithMfa() throws Exception {
        assertScriptPasses("mfa.mjs", List.of("signup", "totp_new", "totp_activate", "login_requires_mfa",
                "totp_replay_refused", "totp_authenticate", "login_with_trusted_device", "recovery_code",
                "delete_authenticator"));
    }

    private static void assertScriptPasses(String script, List<String> steps) throws Exception {
        String endpoint = app.uri("").toString();
        String apiKey = app.config().userConfig().clients().getFirst().apiKey();

        NodeProject.Run run = node.run(script, Map.of("SKYGEAR_ENDPOINT", endpoint, "SKYGEAR_API_KEY", apiKey),
                RUN_TIMEOUT);

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
