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
 * MFA wire compatibility: the real {@code @skygear/node-client} 2.0.0-alpha.16 ({@code src/test/node/mfa.mjs})
 * sets up TOTP (codes computed in JS from the secret), logs in through the MFA step, is refused a replayed
 * code, trusts the device with a bearer token, uses a recovery code and deletes the authenticator, against
 * the example app (MFA {@code optional}). Skipped locally without {@code node}/{@code npm}, failed in CI.
 */
class NodeClientMfaCompatTest {

    private static final List<String> STEPS = List.of("signup", "totp_new", "totp_activate",
            "login_requires_mfa", "totp_replay_refused", "totp_authenticate", "login_with_trusted_device",
            "recovery_code", "delete_authenticator");
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

    @Test
    void nodeClientSetsUpTotpAndLogsInWithMfa() throws Exception {
        String endpoint = app.uri("").toString();
        String apiKey = app.config().userConfig().clients().getFirst().apiKey();

        NodeProject.Run run = node.run("mfa.mjs", Map.of("SKYGEAR_ENDPOINT", endpoint, "SKYGEAR_API_KEY", apiKey),
                RUN_TIMEOUT);

        assertThat(run.exitCode())
                .as("node mfa.mjs exit code; output:%n%s", String.join("\n", run.output()))
                .isZero();
        List<String> passed = run.output().stream()
                .filter(line -> line.startsWith("PASS "))
                .map(line -> line.substring("PASS ".length()).split(":", 2)[0])
                .toList();
        assertThat(passed).as("steps that passed, in order").containsExactlyElementsOf(STEPS);
        assertThat(run.output()).last().isEqualTo("ALL PASSED (" + STEPS.size() + " steps)");
    }
}
