package io.skygear.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skygear.core.tenant.TenantContext;
import io.skygear.testing.TestServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standalone mode: one tenant from a config file for every host, every gear live, no admin API; here with
 * the original's 404 for paths that are neither a gear nor a route.
 */
class StandaloneGatewayTest {

    @TempDir
    static Path dir;
    static GatewayFilter gateway;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        Path file = dir.resolve("tenant.json");
        Files.writeString(file, GatewayFixture.config("solo").toJson());
        gateway = GatewayFilter.builder().standalone(file).gear("echo", Gear.of(new Tenant()))
                .settings(GatewaySettings.builder().unmatchedToHost(false).build()).build();
        server = new TestServer().filter(gateway, "/*").servlet(new Tenant(), "/host/*").start();
    }

    @AfterAll
    static void stop() {
        server.close();
        gateway.close();
    }

    @Test
    void everyHostIsTheOneTenant() {
        HttpResponse<String> reply = server.get("/_echo/x");

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("solo");
    }

    @Test
    void pathWithoutRouteIsTheOriginals404WhenTheHostAppIsNotAsked() {
        HttpResponse<String> reply = server.get("/host/x");

        assertThat(reply.statusCode()).isEqualTo(404);
        assertThat(reply.body()).isEqualTo("Fail to match deployment route\n");
    }

    @Test
    void everyRegisteredGearIsEnabledAndLive() {
        assertThat(server.get("/_auth/me").statusCode()).as("auth enabled, but not served here").isEqualTo(506);
    }

    @Test
    void thereIsNoAdminApi() {
        assertThatThrownBy(gateway::admin).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> GatewayFilter.builder().standalone(GatewayFixture.config("solo"))
                .settings(GatewaySettings.builder().adminKey("0123456789abcdef").build()).build())
                .hasMessageContaining("adminKey");
    }

    @Test
    void builderNamesWhatIsWrong() {
        assertThatThrownBy(() -> GatewayFilter.builder().build()).hasMessageContaining("tenant source");
        assertThatThrownBy(() -> GatewayFilter.builder().gear("Bad Name", Gear.of(new Tenant())))
                .hasMessageContaining("gear name");
        assertThatThrownBy(() -> GatewaySettings.builder().adminKey("short").build()).hasMessageContaining("adminKey");
    }

    /** Writes the tenant's app id. */
    static final class Tenant extends HttpServlet {

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.getWriter().write(TenantContext.require(request).appId());
        }
    }
}
