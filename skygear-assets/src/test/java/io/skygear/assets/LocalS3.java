package io.skygear.assets;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.skygear.assets.storage.S3Config;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real S3-compatible server for the tests: the npm package {@code s3rver} ({@code src/test/node/s3rver})
 * run by Node.js on 127.0.0.1 and an ephemeral port, one per JVM, stopped when the JVM exits. Needs
 * {@code node} and {@code npm} on the PATH: without them S3 tests are skipped locally and fail in CI.
 */
final class LocalS3 {

    static final String BUCKET = "skygear-assets";
    /** s3rver's fixed credentials. */
    static final String ACCESS_KEY = "S3RVER";
    static final String SECRET_KEY = "S3RVER";
    private static final String INSTALL_STAMP = ".skygear-s3rver-installed";

    private static URI endpoint;

    private LocalS3() {
    }

    /** A config for a fresh bucket-scoped store on the shared server, path-style as S3-compatible stores need. */
    static synchronized S3Config config() {
        if (endpoint == null) {
            endpoint = start();
        }
        return S3Config.builder().bucket(BUCKET).region("us-east-1").endpoint(endpoint).pathStyle(true)
                .credentials(ACCESS_KEY, SECRET_KEY).build();
    }

    private static URI start() {
        Path node = tool("node");
        Path npm = tool("npm");
        try {
            Path baseDir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
            Path work = baseDir.resolve("target/s3rver");
            Files.createDirectories(work);
            try (Stream<Path> files = Files.list(baseDir.resolve("src/test/node/s3rver"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, work.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            install(npm, work);
            Path data = Files.createTempDirectory("skygear-s3rver-");
            Process process = new ProcessBuilder(node.toString(), "s3.mjs", data.toString(), BUCKET)
                    .directory(work.toFile()).redirectErrorStream(true).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "s3rver-stop"));
            BufferedReader out = process.inputReader(StandardCharsets.UTF_8);
            CompletableFuture<String> port = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        if (line.startsWith("LISTENING ")) {
                            return line.substring("LISTENING ".length()).trim();
                        }
                    }
                    return null;
                } catch (IOException e) {
                    return null;
                }
            });
            String found = port.get(60, TimeUnit.SECONDS);
            if (found == null) {
                fail("s3rver exited before listening (exit " + process.waitFor() + ")");
            }
            // keep draining its output so that it never blocks on a full pipe
            Thread.ofVirtual().start(() -> {
                try {
                    out.transferTo(java.io.Writer.nullWriter());
                } catch (IOException e) {
                    // the process ended
                }
            });
            return URI.create("http://127.0.0.1:" + found);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start s3rver", e);
        }
    }

    /** {@code npm ci} once; again only when the manifests changed. */
    private static void install(Path npm, Path work) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(Files.readAllBytes(work.resolve("package.json")));
        digest.update(Files.readAllBytes(work.resolve("package-lock.json")));
        String manifests = HexFormat.of().formatHex(digest.digest());
        Path stamp = work.resolve("node_modules").resolve(INSTALL_STAMP);
        if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(manifests)) {
            return;
        }
        Process install = new ProcessBuilder(npm.toString(), "ci", "--no-audit", "--no-fund")
                .directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!install.waitFor(10, TimeUnit.MINUTES) || install.exitValue() != 0) {
            fail("npm ci for s3rver failed in " + work + ":\n" + output);
        }
        Files.writeString(stamp, manifests);
    }

    private static Path tool(String name) {
        Optional<Path> found = Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isEmpty()) {
            String message = "'" + name + "' is not on the PATH: the S3 tests run s3rver on Node.js 18+";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " (required in CI)");
            }
            assumeTrue(false, message + "; skipped");
        }
        return found.get();
    }
}
