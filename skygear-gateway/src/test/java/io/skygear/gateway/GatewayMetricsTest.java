package io.skygear.gateway;

import static io.skygear.gateway.GatewayFixture.HOST_A;
import static io.skygear.gateway.GatewayFixture.HOST_B;
import static io.skygear.testing.Meters.settled;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skygear.core.config.DeploymentRouteType;
import io.skygear.testing.MeterDocs;
import io.skygear.testing.Meters;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The gateway's meters as real requests move them: outcomes (gear, route, host, gated, unknown app,
 * proxy error), proxy durations, and the tenant cache against the real config database. The registry
 * is shared, so each test compares counts before and after its own requests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayMetricsTest {

    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();
    private static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(s -> s, (gateway, fx) -> gateway.meterRegistry(METERS));
        fixture.admin.setRoutes(fixture.appA.id(), List.of(
                fixture.route("/api", DeploymentRouteType.HTTP_SERVICE, "/svc", null),
                fixture.route("/down", DeploymentRouteType.HTTP_SERVICE, "/", null)));
        // a route to a port nobody listens on
        fixture.configDb.dsl().execute("UPDATE app_config.deployment_route SET type_config = "
                + "'{\"backend_url\":\"http://127.0.0.1:9/\"}' WHERE path = '/down'");
        fixture.gateway.invalidateCache();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static double requests(String outcome, String gear) {
        return Meters.counter(METERS, "skygear.gateway.requests", "outcome", outcome, "gear", gear);
    }


    private static double counter(String name, String... tags) {
        return Meters.counter(METERS, name, tags);
    }

    private static long timer(String name, String... tags) {
        return Meters.timer(METERS, name, tags);
    }

    @Test
    void unknownHostIsCountedAndItsLoadTimedOnceThenCached() {
        String host = "nobody-" + System.nanoTime() + ".example.test";
        double notFound = requests("app_not_found", "none");
        long loads = timer("skygear.gateway.tenant.loads", "result", "not_found");
        double hits = counter("skygear.gateway.tenant.cache.gets", "result", "hit");

        assertThat(fixture.get(host, "/anything").status()).isEqualTo(400);
        assertThat(fixture.get(host, "/anything").status()).isEqualTo(400);

        assertThat(requests("app_not_found", "none")).isEqualTo(notFound + 2);
        assertThat(timer("skygear.gateway.tenant.loads", "result", "not_found")).isEqualTo(loads + 1);
        assertThat(counter("skygear.gateway.tenant.cache.gets", "result", "hit")).isGreaterThanOrEqualTo(hits + 1);
        assertThat(METERS.get("skygear.gateway.tenant.cache.size").gauge().value()).isPositive();
    }

    @Test
    void knownHostMissesOnceAfterInvalidationThenHits() {
        fixture.gateway.invalidateCache();
        double misses = counter("skygear.gateway.tenant.cache.gets", "result", "miss");
        long found = timer("skygear.gateway.tenant.loads", "result", "found");

        fixture.get(HOST_A, "/host/x");
        fixture.get(HOST_A, "/host/y");

        assertThat(counter("skygear.gateway.tenant.cache.gets", "result", "miss")).isEqualTo(misses + 1);
        assertThat(timer("skygear.gateway.tenant.loads", "result", "found")).isEqualTo(found + 1);
    }

    @Test
    void gearRequestsAreCountedByGearAndGatedOnesAsGated() {
        double served = requests("gear", "auth");
        double gated = requests("gated", "auth");
        double unknown = requests("gated", "none");

        fixture.post(HOST_A, "/_auth/me", "{}", "Content-Type", "application/json");
        assertThat(fixture.post(HOST_B, "/_auth/me", "{}", "Content-Type", "application/json").status()).isEqualTo(403);
        assertThat(fixture.get(HOST_A, "/_nosuchgear" + System.nanoTime() + "/x").status()).isEqualTo(403);

        assertThat(requests("gear", "auth")).isEqualTo(served + 1);
        assertThat(requests("gated", "auth")).isEqualTo(gated + 1);
        // gear names from the path never become tag values
        assertThat(requests("gated", "none")).isEqualTo(unknown + 1);
        assertThat(METERS.find("skygear.gateway.requests").counters())
                .allSatisfy(c -> assertThat(c.getId().getTag("gear")).isIn("none", "auth"));
    }

    @Test
    void proxiedRoutesAreTimedWithTheirStatusAndBackendFailuresAreProxyErrors() throws InterruptedException {
        double routed = requests("route", "none");
        double errors = requests("proxy_error", "none");
        long ok = timer("skygear.gateway.proxy.duration", "target", "route", "status", "200");
        long bad = timer("skygear.gateway.proxy.duration", "target", "route", "status", "502");

        assertThat(fixture.get(HOST_A, "/api/users/1").status()).isEqualTo(200);
        assertThat(fixture.get(HOST_A, "/down/x").status()).isEqualTo(502);

        assertThat(settled(() -> requests("route", "none"), routed + 1)).isEqualTo(routed + 1);
        assertThat(settled(() -> requests("proxy_error", "none"), errors + 1)).isEqualTo(errors + 1);
        assertThat(timer("skygear.gateway.proxy.duration", "target", "route", "status", "200")).isEqualTo(ok + 1);
        assertThat(timer("skygear.gateway.proxy.duration", "target", "route", "status", "502")).isEqualTo(bad + 1);
    }

    @Test
    void unmatchedPathsGoingToTheHostAppAreCountedAsHost() {
        double host = requests("host", "none");

        fixture.get(HOST_A, "/host/page");

        assertThat(requests("host", "none")).isEqualTo(host + 1);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void everyMeterTheseRequestsProducedIsInTheOperationsGuide() {
        assertThat(MeterDocs.skygearMeterNames(METERS)).contains("skygear.gateway.requests",
                "skygear.gateway.proxy.duration", "skygear.gateway.tenant.cache.gets", "skygear.gateway.tenant.loads",
                "skygear.gateway.tenant.cache.size");
        MeterDocs.assertDocumented(METERS);
    }
}
