package io.skygear.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The example host app ({@code io.skygear.examples.HostApp}) as a child JVM on a fixed port, started
 * with its CLI ({@code --config --port --data-dir}) so that a harness can stop it gracefully (SIGTERM),
 * kill it (SIGKILL) and start it again on the same port and data. Output goes to {@code app.log} in the
 * data directory. The child does not outlive the harness: {@link #close()}, or a shutdown hook, ends it.
 */
final class ExampleApp implements AutoCloseable {

    static final String API_KEY = "load-api-key";
    static final String MASTER_KEY = "load-master-key";
    static final String HOOK_SECRET = "load-hook-secret";

    private final Path config;
    private final int port;
    private final Path dataDir;
    private volatile Process process;

    /**
     * @param config  tenant config, see {@link #writeConfig}
     * @param port    fixed port, so that clients find the app again after a restart
     * @param dataDir the app's data directory (assets; embedded PostgreSQL for {@code database_url: embedded})
     */
    ExampleApp(Path config, int port, Path dataDir) {
        this.config = config;
        this.port = port;
        this.dataDir = dataDir;
        Runtime.getRuntime().addShutdownHook(new Thread(this::destroy, "example-app-reaper"));
    }

    /**
     * Writes the harness tenant (client {@code web} with {@link #API_KEY}, username login IDs, hook secret
     * {@link #HOOK_SECRET}) to {@code dir/tenant.yaml}, with an {@code after_user_create} hook to
     * {@code hookUrl} unless it is null.
     */
    static Path writeConfig(Path dir, String databaseUrl, String hookUrl) throws IOException {
        String hooks = hookUrl == null ? "" : """
                hooks:
                  - event: after_user_create
                    url: %s
                """.formatted(hookUrl);
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve("tenant.yaml"), """
                version: "1"
                app_id: load
                app_name: load
                app_config:
                  database_url: %s
                  database_schema: app
                user_config:
                  master_key: %s
                  clients:
                    - id: web
                      name: Web
                      api_key: %s
                      session_transport: header
                  auth:
                    authentication_session:
                      secret: load-authentication-session-secret
                    login_id_keys:
                      - key: username
                        type: raw
                  hook:
                    secret: %s
                  asset:
                    secret: load-asset-secret
                """.formatted(databaseUrl, MASTER_KEY, API_KEY, HOOK_SECRET) + hooks);
    }

    /** A port free right now on loopback. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Starts the child JVM (this JVM's java and classpath) and waits until {@code /_healthz} answers 200. */
    void start(Duration within) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the app is running");
        }
        Files.createDirectories(dataDir);
        String java = ProcessHandle.current().info().command().orElse("java");
        process = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "io.skygear.examples.HostApp",
                "--config", config.toString(), "--port", String.valueOf(port), "--data-dir", dataDir.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("app.log").toFile()))
                .start();
        awaitHealthy(within);
    }

    /** SIGTERM: the app's shutdown hook closes the server and the gears; waits for the exit. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the app did not exit within 60 s of SIGTERM");
        }
    }

    /** SIGKILL: no shutdown hook, in-flight requests and transactions cut off. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Stops the app (SIGTERM, then SIGKILL after 60 s) if it is running. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private void destroy() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private void awaitHealthy(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            HttpRequest health = HttpRequest.newBuilder(base().resolve("/_healthz")).timeout(Duration.ofSeconds(2)).build();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the app exited with " + process.exitValue() + "; see "
                            + dataDir.resolve("app.log"));
                }
                try {
                    if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the app was not healthy within " + within + "; see " + dataDir.resolve("app.log"));
    }
}
