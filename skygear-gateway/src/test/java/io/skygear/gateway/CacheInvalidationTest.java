package io.skygear.gateway;

import static io.skygear.gateway.GatewayFixture.HOST_A;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.core.tenant.TenantQuotas;
import io.skygear.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two gateways (two nodes) on one config database, each caching tenants for ten minutes: a change made
 * through one node's admin API, or by hand-written SQL, reaches the other through LISTEN/NOTIFY, also
 * after its listening connection was killed.
 */
class CacheInvalidationTest {

    static final Duration LONG_TTL = Duration.ofMinutes(10);
    /** How long a change may take to show before the test gives up; the goal is under a second. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    static GatewayFixture fixture;
    static GatewayFilter otherNode;
    static TestServer otherServer;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(s -> s.cacheTtl(LONG_TTL).reconnectDelay(Duration.ofMillis(100)), (g, b) -> g);
        otherNode = GatewayFilter.builder().configDatabase(fixture.configDb)
                .gear("auth", Gear.of(fixture.auth.servlet(), fixture.auth.accessTokenFilter()))
                .settings(GatewaySettings.builder().cacheTtl(LONG_TTL).reconnectDelay(Duration.ofMillis(100)).build())
                .build();
        otherServer = new TestServer().filter(otherNode, "/*").servlet(new GatewayFixture.HostServlet(), "/host/*").start();
    }

    @AfterAll
    static void stop() {
        otherServer.close();
        otherNode.close();
        fixture.close();
    }

    static int status(String host, String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(otherServer.uri(path)).header("Host", host)
                .method(method, HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json")
                .build();
        HttpResponse<String> response = otherServer.send(request);
        return response.statusCode();
    }

    /** Polls the other node until {@code expected} holds; returns whether it did within {@link #PATIENCE}. */
    static boolean eventually(String host, String method, String path, IntPredicate expected) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (expected.test(status(host, method, path))) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    @Test
    void domainAttachedThroughOneNodeIsServedByTheOther() throws InterruptedException {
        assertThat(status("new.example.test", "GET", "/host/x")).as("cached as unknown").isEqualTo(400);

        fixture.admin.addDomain(fixture.appA.id(), "new.example.test");

        assertThat(eventually("new.example.test", "GET", "/host/x", s -> s == 200)).isTrue();
    }

    @Test
    void handWrittenSqlInvalidatesToo() throws InterruptedException {
        App app = fixture.newApp("sql-edited", fixture.pro, "sql.example.test");
        assertThat(status("sql.example.test", "POST", "/_auth/me")).as("auth enabled: the gear answers").isNotEqualTo(403);

        fixture.configDb.dsl().execute("UPDATE app_config.app SET auth_version = 'suspended' WHERE id = ?", app.id());

        assertThat(eventually("sql.example.test", "POST", "/_auth/me", s -> s == 400)).isTrue();
    }

    @Test
    void changesAfterTheListeningConnectionWasKilledAreStillSeen() throws InterruptedException {
        fixture.newApp("reconnect", fixture.pro, "reconnect.example.test");
        assertThat(status("reconnect.example.test", "GET", "/host/x")).isEqualTo(200);

        fixture.configDb.dsl().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND query = 'LISTEN skygear_app_config'");
        fixture.admin.removeDomain("reconnect.example.test");

        assertThat(eventually("reconnect.example.test", "GET", "/host/x", s -> s == 400)).isTrue();
    }

    @Test
    void planChangeReachesTheOtherNode() throws InterruptedException {
        Plan plan = fixture.admin.createPlan("flip", Map.of("auth", true), TenantQuotas.unlimited());
        fixture.newApp("flipped", plan, "flip.example.test");
        assertThat(status("flip.example.test", "POST", "/_auth/me")).isNotEqualTo(403);

        fixture.admin.updatePlan(plan.id(), "flip", Map.of("auth", false), TenantQuotas.unlimited());

        assertThat(eventually("flip.example.test", "POST", "/_auth/me", s -> s == 403)).isTrue();
        assertThat(fixture.get(HOST_A, "/host/x").status()).isEqualTo(200);
    }
}
