package io.skygear.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.skygear.auth.AuthContext;
import io.skygear.core.config.DeploymentRoute;
import io.skygear.core.config.TenantConfig;
import io.skygear.core.db.Database;
import io.skygear.core.http.AccessKeyFilter;
import io.skygear.core.http.CorsFilter;
import io.skygear.core.http.RequestIdFilter;
import io.skygear.core.tenant.TenantContext;
import io.skygear.core.tenant.TenantFilter;
import io.skygear.gateway.internal.cache.ConfigChangeListener;
import io.skygear.gateway.internal.cache.TenantCache;
import io.skygear.gateway.internal.http.FilterSequence;
import io.skygear.gateway.internal.http.GatewayRequest;
import io.skygear.gateway.internal.http.GearTarget;
import io.skygear.gateway.internal.http.PlainText;
import io.skygear.gateway.internal.metrics.GatewayMetrics;
import io.skygear.gateway.internal.plan.RequestRateLimiter;
import io.skygear.gateway.internal.proxy.HttpProxy;
import io.skygear.gateway.internal.proxy.IdentityHeaders;
import io.skygear.gateway.internal.proxy.RefreshHint;
import io.skygear.gateway.internal.resolve.ConfigDbSource;
import io.skygear.gateway.internal.resolve.ResolvedTenant;
import io.skygear.gateway.internal.resolve.StandaloneSource;
import io.skygear.gateway.internal.resolve.TenantSource;
import io.skygear.gateway.internal.route.ForwardUrl;
import io.skygear.gateway.internal.route.RouteMatcher;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The multi-tenant front door (the original's gateway) as one servlet filter: map it at {@code /*}
 * before everything else.
 *
 * <pre>{@code
 * GatewayFilter gateway = GatewayFilter.builder()
 *         .configDatabase(configDb)                      // or .standalone(Path.of("tenant.yaml"))
 *         .gear("auth", Gear.of(auth.servlet(), auth.accessTokenFilter()))
 *         .settings(GatewaySettings.builder().adminKey(adminKey).build())
 *         .build();
 * context.addFilter(new FilterHolder(gateway), "/*", EnumSet.of(DispatcherType.REQUEST));
 * }</pre>
 *
 * For each request: {@code /_healthz} → 200 {@code OK}; {@code /_admin/*} → {@link GatewayAdminServlet}
 * when an admin key is set; otherwise a fresh request id, the tenant of the {@code Host} header (400
 * {@code App not found}), the plan's requests per minute (429), then either a gear ({@code /_<gear>/…}:
 * plan gating 403, suspended 400, no server for the version 506, CORS, API key, the gear's filters and
 * servlet) or a deployment route (CORS, API key, the auth gear's filters, proxied with the caller's
 * identity headers), or, with no route, the host app's own servlets. Gears and the host app find the
 * tenant as {@code TenantContext}; client-sent {@code x-skygear-*} identity headers never pass. See
 * docs/gateway.md. Thread-safe; {@link #close()} stops the config listener and the proxy client.
 */
public final class GatewayFilter extends HttpFilter implements AutoCloseable {

    private static final Pattern GEAR_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final byte[] OK = "OK".getBytes(StandardCharsets.UTF_8);

    private final TenantSource tenants;
    private final TenantCache cache;
    private final ConfigChangeListener listener;
    private final GatewayAdmin admin;
    private final GatewayAdminServlet adminServlet;
    private final Map<String, Map<GearVersion, GearTarget>> gears;
    private final List<Filter> callerFilters;
    private final GatewaySettings settings;
    private final HttpProxy proxy;
    private final RequestRateLimiter limiter;
    private final RequestIdFilter requestId = new RequestIdFilter();
    private final List<Filter> front;
    private final GatewayMetrics metrics;

    private GatewayFilter(Builder b) {
        this.settings = b.settings;
        this.metrics = new GatewayMetrics(b.meterRegistry);
        Map<String, Map<GearVersion, GearTarget>> copy = new LinkedHashMap<>();
        b.gears.forEach((name, versions) -> copy.put(name, Map.copyOf(versions)));
        this.gears = Map.copyOf(copy);
        this.callerFilters = Optional.ofNullable(b.gears.get("auth")).map(v -> v.get(GearVersion.LIVE))
                .filter(t -> t instanceof GearTarget.InProcess)
                .map(t -> ((GearTarget.InProcess) t).gear().filters()).orElse(List.of());
        // the tenant is already on the request; TenantFilter keeps it and makes it TenantContext.current()
        this.front = List.of(new TenantFilter(request -> Optional.empty()), new CorsFilter(), new AccessKeyFilter());
        this.limiter = new RequestRateLimiter(b.clock);
        this.proxy = new HttpProxy(settings.connectTimeout(), settings.responseTimeout());
        if (b.configDatabase != null) {
            this.cache = new TenantCache(new ConfigDbSource(b.configDatabase), settings.cacheTtl(),
                    settings.maxCachedTenants(), System::nanoTime, metrics);
            metrics.cacheSize(cache, TenantCache::size);
            this.tenants = cache;
            this.admin = new GatewayAdmin(b.configDatabase, cache::invalidateAll);
            this.listener = new ConfigChangeListener(b.configDatabase.dataSource(), cache::invalidateAll,
                    settings.reconnectDelay()).start();
            this.adminServlet = settings.adminKey().map(key -> new GatewayAdminServlet(admin, key)).orElse(null);
        } else {
            this.cache = null;
            this.tenants = new StandaloneSource(ResolvedTenant.standalone(TenantContext.of(b.standalone)));
            this.admin = null;
            this.listener = null;
            this.adminServlet = null;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The admin API on this gateway's config database; its changes drop this gateway's cache at once.
     *
     * @throws IllegalStateException in standalone mode
     */
    public GatewayAdmin admin() {
        if (admin == null) {
            throw new IllegalStateException("standalone gateway: there is no config database to administer");
        }
        return admin;
    }

    /** Forgets every cached tenant of this node (other nodes hear of database changes by themselves). */
    public void invalidateCache() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }

    @Override
    public void init() throws ServletException {
        List<HttpServlet> servlets = new ArrayList<>();
        gears.values().forEach(versions -> versions.values().forEach(target -> {
            if (target instanceof GearTarget.InProcess(Gear gear)) {
                servlets.add(gear.servlet());
            }
        }));
        if (adminServlet != null) {
            servlets.add(adminServlet);
        }
        for (HttpServlet servlet : servlets) {
            if (servlet.getServletConfig() == null) {
                servlet.init(servletConfig(servlet, getServletContext()));
            }
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = rawPath(request);
        if (path.equals("/_healthz")) {
            response.setContentType("text/plain; charset=utf-8");
            response.setContentLength(OK.length);
            response.getOutputStream().write(OK);
            return;
        }
        if (adminServlet != null && (path.equals("/_admin") || path.startsWith("/_admin/"))) {
            adminServlet.service(GatewayRequest.forGear(request, "/_admin", path.substring("/_admin".length())), response);
            return;
        }
        requestId.doFilter(request, response, (r, s) ->
                tenant((HttpServletRequest) r, (HttpServletResponse) s, chain, path));
    }

    private void tenant(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String path)
            throws IOException, ServletException {
        String host = request.getHeader("Host");
        Optional<ResolvedTenant> found = tenants.resolve(host == null ? "" : host.toLowerCase(Locale.ROOT));
        if (found.isEmpty()) {
            metrics.request(GatewayMetrics.Outcome.APP_NOT_FOUND, GatewayMetrics.NO_GEAR);
            PlainText.write(response, HttpServletResponse.SC_BAD_REQUEST, "App not found");
            return;
        }
        ResolvedTenant tenant = found.get();
        TenantContext context = tenant.context();
        request.setAttribute(TenantContext.ATTRIBUTE, context);
        OptionalLong perMinute = context.quotas().requestsPerMinute();
        if (perMinute.isPresent()) {
            long retryAfter = limiter.acquire(context.appId(), perMinute.getAsLong());
            if (retryAfter > 0) {
                metrics.request(GatewayMetrics.Outcome.RATE_LIMITED, GatewayMetrics.NO_GEAR);
                response.setHeader("Retry-After", Long.toString(retryAfter));
                PlainText.write(response, 429, "Too many requests");
                return;
            }
        }
        String decoded = decodedPath(request);
        int slash = decoded.indexOf('/', 2);
        if (decoded.startsWith("/_") && slash > 0) {
            gear(request, response, tenant, decoded.substring(2, slash), decoded.substring(slash));
        } else {
            deployment(request, response, chain, context, path);
        }
    }

    private void gear(HttpServletRequest request, HttpServletResponse response, ResolvedTenant tenant, String gear,
                      String rest) throws IOException, ServletException {
        // a gear name comes from the path: only configured names become tag values
        String gearTag = gears.containsKey(gear) ? gear : GatewayMetrics.NO_GEAR;
        if (!tenant.allows(gear)) {
            metrics.request(GatewayMetrics.Outcome.GATED, gearTag);
            PlainText.write(response, HttpServletResponse.SC_FORBIDDEN, gear + " is not support in current app plan");
            return;
        }
        GearVersion version = tenant.version(gear);
        if (version == GearVersion.SUSPENDED) {
            metrics.request(GatewayMetrics.Outcome.SUSPENDED, gearTag);
            PlainText.write(response, HttpServletResponse.SC_BAD_REQUEST, "gear is suspended");
            return;
        }
        GearTarget target = gears.getOrDefault(gear, Map.of()).get(version);
        if (target == null) {
            metrics.request(GatewayMetrics.Outcome.UNSUPPORTED_VERSION, gearTag);
            PlainText.write(response, 506, gear + " gear " + version.wireName() + " environment is not supported");
            return;
        }
        switch (target) {
            case GearTarget.InProcess(Gear g) -> {
                metrics.request(GatewayMetrics.Outcome.GEAR, gearTag);
                List<Filter> filters = new ArrayList<>(front);
                filters.addAll(g.filters());
                FilterSequence.run(filters, (rq, rs) -> g.servlet().service(rq, rs),
                        GatewayRequest.forGear(request, "/_" + gear, rest), response);
            }
            case GearTarget.Remote(URI base) -> FilterSequence.run(front.subList(0, 2), (rq, rs) -> {
                URI uri = URI.create(base.getScheme() + "://" + base.getRawAuthority() + rawPath(request)
                        + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("x-skygear-app-config", Base64.getEncoder().encodeToString(
                        tenant.context().config().toJson().getBytes(StandardCharsets.UTF_8)));
                headers.put("x-skygear-gear", gear);
                headers.put("x-skygear-gear-version", version.wireName());
                headers.put("x-skygear-gear-endpoint", base.toString());
                requestIdHeader(rq, headers);
                long start = System.nanoTime();
                proxy.forward((HttpServletRequest) rq, (HttpServletResponse) rs, uri, headers, true);
                metrics.proxied("gear", GatewayMetrics.Outcome.REMOTE_GEAR, gearTag,
                        ((HttpServletResponse) rs).getStatus(), start);
            }, GatewayRequest.filtered(request), response);
        }
    }

    private void deployment(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                            TenantContext tenant, String path) throws IOException, ServletException {
        Optional<DeploymentRoute> route = RouteMatcher.match(tenant.config().deploymentRoutes(), path);
        if (route.isEmpty() && !settings.unmatchedToHost()) {
            metrics.request(GatewayMetrics.Outcome.ROUTE_NOT_FOUND, GatewayMetrics.NO_GEAR);
            PlainText.write(response, HttpServletResponse.SC_NOT_FOUND, "Fail to match deployment route");
            return;
        }
        if (route.isEmpty()) {
            metrics.request(GatewayMetrics.Outcome.HOST, GatewayMetrics.NO_GEAR);
        }
        List<Filter> filters = new ArrayList<>(front);
        filters.addAll(callerFilters);
        FilterChain last = route.isEmpty() ? chain : (rq, rs) -> forward((HttpServletRequest) rq,
                (HttpServletResponse) rs, tenant, route.get(), path);
        FilterSequence.run(filters, last, GatewayRequest.filtered(request), response);
    }

    private void forward(HttpServletRequest request, HttpServletResponse response, TenantContext tenant,
                         DeploymentRoute route, String path) throws IOException {
        AuthContext caller = AuthContext.of(request);
        if (RefreshHint.applies(request, tenant, caller)) {
            metrics.request(GatewayMetrics.Outcome.REFRESH, GatewayMetrics.NO_GEAR);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader(RefreshHint.HEADER, "true");
            response.setContentLength(0);
            return;
        }
        URI target;
        try {
            target = ForwardUrl.of(route, path, request.getQueryString());
        } catch (IllegalArgumentException e) {
            metrics.request(GatewayMetrics.Outcome.PROXY_ERROR, GatewayMetrics.NO_GEAR);
            PlainText.write(response, HttpServletResponse.SC_BAD_GATEWAY, "Invalid deployment route");
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>(IdentityHeaders.of(caller));
        headers.put("x-skygear-http-path", path);
        requestIdHeader(request, headers);
        long start = System.nanoTime();
        proxy.forward(request, response, target, headers, false);
        metrics.proxied("route", GatewayMetrics.Outcome.ROUTE, GatewayMetrics.NO_GEAR, response.getStatus(), start);
    }

    private static void requestIdHeader(ServletRequest request, Map<String, String> headers) {
        RequestIdFilter.requestId(request).ifPresent(id -> headers.put(RequestIdFilter.HEADER, id));
    }

    /** The path as sent (still percent-encoded), without the context path. */
    private static String rawPath(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context.isEmpty() ? uri : uri.substring(context.length());
    }

    private static String decodedPath(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    }

    private static ServletConfig servletConfig(HttpServlet servlet, ServletContext context) {
        return new ServletConfig() {
            @Override
            public String getServletName() {
                return servlet.getClass().getName();
            }

            @Override
            public ServletContext getServletContext() {
                return context;
            }

            @Override
            public String getInitParameter(String name) {
                return null;
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.emptyEnumeration();
            }
        };
    }

    /** Stops listening for config changes and closes the proxy's HTTP client; gears stay the host's. */
    @Override
    public void close() {
        try {
            if (listener != null) {
                listener.close();
            }
        } finally {
            proxy.close();
        }
    }

    /** Settings of a {@link GatewayFilter}: exactly one tenant source; gears by name. */
    public static final class Builder {
        private Database configDatabase;
        private TenantConfig standalone;
        private final Map<String, Map<GearVersion, GearTarget>> gears = new LinkedHashMap<>();
        private GatewaySettings settings = GatewaySettings.defaults();
        private Clock clock = Clock.systemUTC();
        private MeterRegistry meterRegistry = new CompositeMeterRegistry();

        private Builder() {
        }

        /** Tenants from this config database (schema {@code app_config}, migrated with module {@code gateway}). */
        public Builder configDatabase(Database configDatabase) {
            this.configDatabase = configDatabase;
            return this;
        }

        /** One tenant for every host, every gear enabled and live: the original's standalone mode. */
        public Builder standalone(TenantConfig config) {
            this.standalone = config;
            return this;
        }

        /** {@link #standalone(TenantConfig)} from a YAML or JSON file. */
        public Builder standalone(Path file) {
            return standalone(TenantConfig.load(file));
        }

        /** Serves the {@code live} version of {@code /_<name>/*} in-process. */
        public Builder gear(String name, Gear gear) {
            return gear(name, GearVersion.LIVE, gear);
        }

        /** Serves {@code version} of {@code /_<name>/*} in-process. */
        public Builder gear(String name, GearVersion version, Gear gear) {
            return target(name, version, new GearTarget.InProcess(Objects.requireNonNull(gear, "gear")));
        }

        /**
         * Proxies {@code version} of {@code /_<name>/*} to a gear server at {@code baseUrl} (path and query
         * kept), sending the resolved tenant config in {@code x-skygear-app-config} (Base64 JSON). That
         * server must not be reachable by clients.
         */
        public Builder remoteGear(String name, GearVersion version, URI baseUrl) {
            if (baseUrl == null || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))
                    || baseUrl.getRawAuthority() == null) {
                throw new IllegalArgumentException("remoteGear " + name + ": baseUrl must be an absolute http(s) URL, got " + baseUrl);
            }
            return target(name, version, new GearTarget.Remote(baseUrl));
        }

        private Builder target(String name, GearVersion version, GearTarget target) {
            if (name == null || !GEAR_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("gear name must be lower-case letters, digits, - or _: " + name);
            }
            if (version == null || version == GearVersion.SUSPENDED) {
                throw new IllegalArgumentException("gear " + name + ": only live and nightly versions can be served");
            }
            gears.computeIfAbsent(name, n -> new EnumMap<>(GearVersion.class)).put(version, target);
            return this;
        }

        public Builder settings(GatewaySettings settings) {
            this.settings = settings;
            return this;
        }

        /** Time of the requests-per-minute windows; the UTC system clock when not set. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Where the gateway's {@code skygear.gateway.*} meters go (see docs/operations.md); none when not
         * set. The gears have their own {@code meterRegistry}.
         */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = meterRegistry;
            return this;
        }

        /**
         * Validates the settings and starts listening for config changes.
         *
         * @throws IllegalArgumentException naming the setting that is missing or conflicting
         */
        public GatewayFilter build() {
            if ((configDatabase == null) == (standalone == null)) {
                throw new IllegalArgumentException("tenant source: set exactly one of configDatabase or standalone");
            }
            if (settings == null) {
                throw new IllegalArgumentException("settings: must not be null");
            }
            if (clock == null) {
                throw new IllegalArgumentException("clock: must not be null");
            }
            if (meterRegistry == null) {
                throw new IllegalArgumentException("meterRegistry: must not be null");
            }
            if (standalone != null && settings.adminKey().isPresent()) {
                throw new IllegalArgumentException("adminKey: the admin API needs a configDatabase");
            }
            return new GatewayFilter(this);
        }
    }
}
