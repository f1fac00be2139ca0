package io.skygear.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wire compatibility with the reference client: the real {@code @skygear/node-client} 2.0.0-alpha.16
 * from npm ({@code src/test/node}) runs signup → me → change password → session list/revoke → logout →
 * login → me against the example app over HTTP. Needs {@code node} and {@code npm} on the PATH: without
 * them the test is skipped locally and fails in CI ({@code CI=true}).
 */
class NodeClientCompatTest {

    private static final Logger LOG = LoggerFactory.getLogger(NodeClientCompatTest.class);
    private static final List<String> STEPS = List.of("signup", "me", "change_password", "second_login",
            "session_list", "session_revoke", "logout", "login", "me_after_login");
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    /** Written into node_modules after a successful {@code npm ci}: the hash of the manifests it installed. */
    private static final String INSTALL_STAMP = ".skygear-compat-installed";

    @TempDir
    static Path dataDir;

    static HostApp app;
    static Path node;
    static Path workDir;

    @BeforeAll
    static void setUp() throws Exception {
        node = tool("node");
        Path npm = tool("npm");
        Path baseDir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        workDir = baseDir.resolve("target/node-compat");
        copySources(baseDir.resolve("src/test/node"), workDir);
        installPackages(npm);
        app = HostApp.start(new HostAppOptions(Optional.empty(), 0, dataDir));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void nodeClientRunsTheAccountLifecycle() throws Exception {
        String endpoint = app.uri("").toString();
        String apiKey = app.config().userConfig().clients().getFirst().apiKey();

        Run run = exec(List.of(node.toString(), "compat.mjs"),
                Map.of("SKYGEAR_ENDPOINT", endpoint, "SKYGEAR_API_KEY", apiKey), RUN_TIMEOUT);

        assertThat(run.exitCode())
                .as("node compat.mjs exit code; output:%n%s", String.join("\n", run.output()))
                .isZero();
        List<String> passed = run.output().stream()
                .filter(line -> line.startsWith("PASS "))
                .map(line -> line.substring("PASS ".length()).split(":", 2)[0])
                .toList();
        assertThat(passed).as("steps that passed, in order").containsExactlyElementsOf(STEPS);
        assertThat(run.output()).last().isEqualTo("ALL PASSED (" + STEPS.size() + " steps)");
    }

    /** The executable on the PATH; skips the class locally and fails it in CI when it is missing. */
    private static Path tool(String name) {
        Optional<Path> found = Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("")
                        .split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isEmpty()) {
            String message = "'" + name + "' is not on the PATH: the @skygear/node-client compatibility test"
                    + " needs Node.js 18+ and npm";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " (required in CI)");
            }
            assumeTrue(false, message + "; skipped");
        }
        return found.get();
    }

    /** Copies package.json, package-lock.json and the script; a local node_modules is never copied. */
    private static void copySources(Path source, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** {@code npm ci} once; again only when package.json or package-lock.json changed since. */
    private static void installPackages(Path npm) throws Exception {
        Path stamp = workDir.resolve("node_modules").resolve(INSTALL_STAMP);
        String manifests = sha256(workDir.resolve("package.json"), workDir.resolve("package-lock.json"));
        if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(manifests)) {
            LOG.info("node_modules in {} is up to date", workDir);
            return;
        }
        Run install = exec(List.of(npm.toString(), "ci", "--no-audit", "--no-fund"), Map.of(), INSTALL_TIMEOUT);
        if (install.exitCode() != 0) {
            fail("npm ci failed with exit code " + install.exitCode() + " in " + workDir + ":\n"
                    + String.join("\n", install.output()));
        }
        Files.writeString(stamp, manifests);
    }

    private static String sha256(Path... files) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (Path file : files) {
            digest.update(Files.readAllBytes(file));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private record Run(int exitCode, List<String> output) {
    }

    /** Runs a command in the work dir, logging its merged stdout/stderr line by line as it comes. */
    private static Run exec(List<String> command, Map<String, String> env, Duration timeout) throws Exception {
        LOG.info("running {} in {}", String.join(" ", command), workDir);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("NO_UPDATE_NOTIFIER", "1");
        Process process = builder.start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = process.inputReader(StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    LOG.info("{} | {}", Path.of(command.getFirst()).getFileName(), line);
                    output.add(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within " + timeout + "; output:\n"
                    + String.join("\n", output));
        }
        reader.join();
        return new Run(process.exitValue(), List.copyOf(output));
    }
}
