package io.skygear.examples;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Node.js scripts of {@code src/test/node} that drive the real {@code @skygear/node-client}: copied to
 * {@code target/node-compat}, {@code npm ci} once (again only when the manifests change), then run. Needs
 * {@code node} and {@code npm} on the PATH: without them the calling test is skipped locally and fails in
 * CI ({@code CI=true}).
 */
final class NodeProject {

    private static final Logger LOG = LoggerFactory.getLogger(NodeProject.class);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
    /** Written into node_modules after a successful {@code npm ci}: the hash of the manifests it installed. */
    private static final String INSTALL_STAMP = ".skygear-compat-installed";

    /** What a script printed (stdout and stderr merged) and how it ended. */
    record Run(int exitCode, List<String> output) {
    }

    private final Path node;
    private final Path workDir;

    private NodeProject(Path node, Path workDir) {
        this.node = node;
        this.workDir = workDir;
    }

    /** Finds node and npm, copies the scripts and installs the packages. */
    static NodeProject prepare() throws Exception {
        Path node = tool("node");
        Path npm = tool("npm");
        Path baseDir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        NodeProject project = new NodeProject(node, baseDir.resolve("target/node-compat"));
        project.copySources(baseDir.resolve("src/test/node"));
        project.install(npm);
        return project;
    }

    /** Runs {@code node <script>} with {@code env}; fails the test when it does not end within {@code timeout}. */
    Run run(String script, Map<String, String> env, Duration timeout) throws Exception {
        return exec(List.of(node.toString(), script), env, timeout);
    }

    /** The executable on the PATH; skips the test locally and fails it in CI when it is missing. */
    private static Path tool(String name) {
        Optional<Path> found = Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("")
                        .split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isEmpty()) {
            String message = "'" + name + "' is not on the PATH: the @skygear/node-client compatibility tests"
                    + " need Node.js 18+ and npm";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " (required in CI)");
            }
            assumeTrue(false, message + "; skipped");
        }
        return found.get();
    }

    /** Copies package.json, package-lock.json and the scripts; a local node_modules is never copied. */
    private void copySources(Path source) throws IOException {
        Files.createDirectories(workDir);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, workDir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** {@code npm ci} once; again only when package.json or package-lock.json changed since. */
    private void install(Path npm) throws Exception {
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

    /** Runs a command in the work dir, logging its merged stdout/stderr line by line as it comes. */
    private Run exec(List<String> command, Map<String, String> env, Duration timeout) throws Exception {
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
