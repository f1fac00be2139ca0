package io.skygear.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.skygear.auth.hook.HookSignature;
import io.skygear.core.http.Json;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The example app on its own PostgreSQL, restarted (fast shutdown, then start) while virtual users sign
 * up; an {@code after_user_create} hook goes to a receiver in the test. The scenario runs once; each test
 * checks one invariant of what it left. The short version of {@code ./scripts/bench fault-restart}
 * (docs/reliability.md).
 */
class PostgresRestartTest {

    private static final String API_KEY = "restart-api-key";
    private static final String HOOK_SECRET = "restart-hook-secret";
    private static final int USERS = 4;
    private static final int SIGNUPS_BEFORE_RESTART = 8;
    private static final int SIGNUPS_AFTER_RESTART = 3;

    /** One signup attempt: status 0 when no answer arrived. */
    record Signup(String username, int status, String userId, boolean afterRestart) {
    }

    @TempDir
    static Path dir;

    static EmbeddedPostgres.Builder postgresBuilder;
    static EmbeddedPostgres postgres;
    static HttpServer hookReceiver;
    static final Set<String> usersWithHook = ConcurrentHashMap.newKeySet();
    static final Set<String> eventIds = ConcurrentHashMap.newKeySet();
    static HostApp app;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final List<Signup> signups = new ArrayList<>();

    @BeforeAll
    static void signUpWhilePostgresRestarts() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        postgresBuilder = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("postgres"))
                .setCleanDataDirectory(false).setPort(port);
        postgres = postgresBuilder.start();
        hookReceiver = startHookReceiver();
        Path config = Files.writeString(dir.resolve("tenant.yaml"), """
                version: "1"
                app_id: restart
                app_name: restart
                app_config:
                  database_url: postgres://postgres:postgres@127.0.0.1:%d/postgres?sslmode=disable
                  database_schema: app
                user_config:
                  master_key: restart-master-key
                  clients:
                    - id: web
                      name: Web
                      api_key: %s
                      session_transport: header
                  auth:
                    authentication_session:
                      secret: restart-authentication-session-secret
                    login_id_keys:
                      - key: username
                        type: raw
                  hook:
                    secret: %s
                  asset:
                    secret: restart-asset-secret
                hooks:
                  - event: after_user_create
                    url: http://127.0.0.1:%d/hook
                """.formatted(port, API_KEY, HOOK_SECRET, hookReceiver.getAddress().getPort()));
        app = HostApp.start(new HostAppOptions(Optional.of(config), 0, dir.resolve("app")));

        CountDownLatch enoughSignups = new CountDownLatch(SIGNUPS_BEFORE_RESTART);
        CountDownLatch restarted = new CountDownLatch(1);
        Thread restart = Thread.ofVirtual().start(() -> {
            try {
                enoughSignups.await();
                postgres.close();
                postgres = postgresBuilder.start();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("PostgreSQL restart failed", e);
            } finally {
                restarted.countDown();
            }
        });
        List<Thread> users = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            int user = u;
            users.add(Thread.ofVirtual().start(() -> {
                int n = 0;
                // signups until PostgreSQL has come back, some of them while it is down
                while (restarted.getCount() > 0) {
                    if (signup("restart-" + user + "-" + n++, false).status() == 200) {
                        enoughSignups.countDown();
                    }
                }
                for (int i = 0; i < SIGNUPS_AFTER_RESTART; i++) {
                    signup("restart-" + user + "-" + n++, true);
                }
            }));
        }
        restart.join();
        for (Thread t : users) {
            t.join();
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (app != null) {
            app.close();
        }
        if (hookReceiver != null) {
            hookReceiver.stop(0);
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void everySignupAnsweredOkIsAStoredUser() {
        Map<String, String> stored = storedUserIdsByUsername();
        List<Signup> answered = signups().stream().filter(s -> s.status() == 200).toList();
        assertThat(answered).hasSizeGreaterThanOrEqualTo(SIGNUPS_BEFORE_RESTART);
        answered.forEach(s -> assertThat(stored.get(s.username())).as(s.username()).isEqualTo(s.userId()));
    }

    @Test
    void noUserIsHalfWritten() {
        assertThat(ids("""
                SELECT u.id FROM _core_user u WHERE NOT EXISTS (SELECT 1 FROM _auth_user_profile p WHERE p.user_id = u.id)
                  OR NOT EXISTS (SELECT 1 FROM _auth_principal p JOIN _auth_provider_password pp ON pp.principal_id = p.id
                                 WHERE p.user_id = u.id)""")).as("users missing a profile or a password login").isEmpty();
        assertThat(ids("""
                SELECT p.id FROM _auth_principal p WHERE p.user_id IS NULL
                  OR NOT EXISTS (SELECT 1 FROM _auth_provider_password pp WHERE pp.principal_id = p.id)""")).as(
                "principals without a user or a password row").isEmpty();
    }

    @Test
    void signupsWithoutSuccessLeftAWholeUserOrNothing() {
        Map<String, String> stored = storedUserIdsByUsername();
        List<String> whole = ids("SELECT user_id FROM _auth_user_profile");
        signups().stream().filter(s -> s.status() != 200 && stored.containsKey(s.username()))
                .forEach(s -> assertThat(whole).as(s.username()).contains(stored.get(s.username())));
    }

    @Test
    void everyStoredUserGetsItsAfterUserCreateHook() throws InterruptedException {
        List<String> users = ids("SELECT id FROM _core_user");
        awaitDeliveries(users);
        assertThat(usersWithHook).containsAll(users);
        assertThat(ids("SELECT id::text FROM _auth_hook_outbox WHERE status <> 'delivered'")).as("outbox rows not delivered")
                .isEmpty();
    }

    @Test
    void clientsRecoverOncePostgresIsBack() {
        List<Signup> after = signups().stream().filter(Signup::afterRestart).toList();
        assertThat(after).hasSize(USERS * SIGNUPS_AFTER_RESTART);
        // the pool drops the connections PostgreSQL closed; the last signups of every user succeed
        for (int u = 0; u < USERS; u++) {
            String prefix = "restart-" + u + "-";
            assertThat(after.stream().filter(s -> s.username().startsWith(prefix)).toList().getLast().status())
                    .as(prefix).isEqualTo(200);
        }
    }

    private static Signup signup(String username, boolean afterRestart) {
        HttpRequest request = HttpRequest.newBuilder(app.uri("/_auth/signup")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("X-Skygear-API-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"login_ids":[{"key":"username","value":"%s"}],"password":"restart-Passw0rd!"}""".formatted(username)))
                .build();
        Signup signup;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String userId = response.statusCode() == 200
                    ? Json.mapper().readTree(response.body()).get("result").get("user").get("id").asString() : null;
            signup = new Signup(username, response.statusCode(), userId, afterRestart);
        } catch (IOException e) {
            signup = new Signup(username, 0, null, afterRestart);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        synchronized (signups) {
            signups.add(signup);
        }
        return signup;
    }

    private static List<Signup> signups() {
        synchronized (signups) {
            return List.copyOf(signups);
        }
    }

    private static Map<String, String> storedUserIdsByUsername() {
        Map<String, String> users = new ConcurrentHashMap<>();
        app.database().dsl().fetch("""
                SELECT pp.login_id, p.user_id FROM _auth_provider_password pp JOIN _auth_principal p ON p.id = pp.principal_id""")
                .forEach(r -> users.put(r.get(0, String.class), r.get(1, String.class)));
        return users;
    }

    private static List<String> ids(String sql) {
        return app.database().dsl().fetch(sql).getValues(0, String.class);
    }

    /** The outbox retries what failed while PostgreSQL was down; waits for it, without asserting how long. */
    private static void awaitDeliveries(List<String> users) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!usersWithHook.containsAll(users) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static HttpServer startHookReceiver() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                if (!HookSignature.verify(HOOK_SECRET, body, exchange.getRequestHeaders().getFirst(HookSignature.HEADER))) {
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                JsonNode event = Json.mapper().readTree(body);
                if (eventIds.add(event.get("id").asString()) && "after_user_create".equals(event.get("type").asString())) {
                    usersWithHook.add(event.get("payload").get("user").get("id").asString());
                }
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return server;
    }
}
