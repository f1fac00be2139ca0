package io.skygear.core.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skygear.core.config.TenantConfig;
import io.skygear.testing.TestServer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link TenantFilter} with {@link StandaloneTenantResolver} behind a real Jetty. */
class TenantFilterTest {

    private static TenantConfig standalone;
    private static TenantConfig upstream;
    private static TestServer server;

    @BeforeAll
    static void start() throws URISyntaxException {
        standalone = StandaloneTenantResolver.fromFile(
                Path.of(TenantFilterTest.class.getResource("/config/standalone-tenant-config.yaml").toURI()))
                .tenant().config();
        upstream = TenantConfig.parseYaml("""
                version: "1"
                app_id: upstream-app
                app_name: upstream
                app_config: { database_url: "postgres://localhost/u", database_schema: u }
                user_config:
                  master_key: mk
                  auth: { authentication_session: { secret: s } }
                  hook: { secret: h }
                  asset: { secret: a }
                """);
        server = new TestServer()
                .filter(new AfterChainProbe(), "/*")
                .filter(new PresetTenant(upstream), "/preset/*")
                .filter(new TenantFilter(StandaloneTenantResolver.of(standalone)), "/app/*")
                .filter(new TenantFilter(StandaloneTenantResolver.of(standalone)), "/preset/*")
                .filter(new TenantFilter(request -> Optional.empty()), "/none/*")
                .servlet(new ShowTenant(), "/*")
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void servletSeesTheTenantAsAttributeAndAsCurrent() {
        HttpResponse<String> response = server.get("/app/hello");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("attribute=66EAFE32-BF5C-4878-8FC8-DD0EEA440981 current=myapp same=true");
    }

    @Test
    void currentTenantIsClearedWhenTheRequestLeavesTheFilter() {
        assertThat(server.get("/app/hello").headers().firstValue(AfterChainProbe.HEADER)).contains("cleared");
    }

    @Test
    void tenantSetUpstreamIsKept() {
        assertThat(server.get("/preset/x").body()).isEqualTo("attribute=upstream-app current=upstream same=true");
    }

    @Test
    void requestWithoutTenantGetsAppNotFound() {
        HttpResponse<String> response = server.get("/none/x");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("App not found\n");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type.replace(" ", "").toLowerCase()).isEqualTo("text/plain;charset=utf-8"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void helpersFailClearlyOutsideTheFilter() {
        assertThatThrownBy(TenantContext::current).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TenantFilter");
        assertThat(server.get("/outside").body()).startsWith("error=no TenantContext on this request");
    }

    @Test
    void standaloneResolverGivesTheSameTenantForEveryHost() {
        StandaloneTenantResolver resolver = StandaloneTenantResolver.of(standalone);
        assertThat(resolver.resolve(null)).containsSame(resolver.tenant());
        assertThat(resolver.tenant().appId()).isEqualTo(standalone.appId());
    }

    /** Writes what the servlet sees; {@code /outside} has no TenantFilter in front. */
    private static final class ShowTenant extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            try {
                TenantContext byAttribute = TenantContext.require(request);
                TenantContext current = TenantContext.current();
                response.getWriter().print("attribute=" + byAttribute.appId() + " current=" + current.config().appName()
                        + " same=" + (byAttribute == current));
            } catch (IllegalStateException e) {
                response.getWriter().print("error=" + e.getMessage());
            }
        }
    }

    /**
     * Reports in a response header, after the rest of the chain ran on the request thread, whether a
     * tenant is still current. The servlet writes a few bytes without flushing, so the response is
     * not committed yet.
     */
    private static final class AfterChainProbe extends HttpFilter {
        static final String HEADER = "X-Tenant-After-Chain";

        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            chain.doFilter(request, response);
            String state;
            try {
                TenantContext.current();
                state = "leaked";
            } catch (IllegalStateException e) {
                state = "cleared";
            }
            response.setHeader(HEADER, state);
        }
    }

    /** Plays the gateway: puts a tenant on the request before the TenantFilter runs. */
    private static final class PresetTenant extends HttpFilter {
        private final TenantContext tenant;

        PresetTenant(TenantConfig config) {
            this.tenant = TenantContext.of(config);
        }

        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            request.setAttribute(TenantContext.ATTRIBUTE, tenant);
            chain.doFilter(request, response);
        }
    }
}
