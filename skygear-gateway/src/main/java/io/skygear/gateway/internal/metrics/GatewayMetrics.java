package io.skygear.gateway.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The gateway's meters, created once per filter. Tags are bounded: outcomes, configured gear names,
 * statuses; never hosts, paths or app ids.
 */
public final class GatewayMetrics {

    /** The gear tag of a request that addressed no configured gear. */
    public static final String NO_GEAR = "none";

    /** What the gateway did with a tenant request. */
    public enum Outcome {
        GEAR("gear"), REMOTE_GEAR("remote_gear"), ROUTE("route"), HOST("host"), APP_NOT_FOUND("app_not_found"),
        RATE_LIMITED("rate_limited"), GATED("gated"), SUSPENDED("suspended"),
        UNSUPPORTED_VERSION("unsupported_version"), ROUTE_NOT_FOUND("route_not_found"), REFRESH("refresh"),
        PROXY_ERROR("proxy_error");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }
    }

    private final MeterRegistry registry;
    private final Meter.MeterProvider<Counter> requests;
    private final Meter.MeterProvider<Timer> proxy;
    private final Meter.MeterProvider<Counter> cacheGets;
    private final Meter.MeterProvider<Timer> loads;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.requests = Counter.builder("skygear.gateway.requests")
                .description("Tenant requests by what the gateway did with them").withRegistry(registry);
        this.proxy = Timer.builder("skygear.gateway.proxy.duration")
                .description("Proxied requests until the upstream response was copied back").withRegistry(registry);
        this.cacheGets = Counter.builder("skygear.gateway.tenant.cache.gets")
                .description("Host to tenant lookups in the gateway cache").withRegistry(registry);
        this.loads = Timer.builder("skygear.gateway.tenant.loads")
                .description("Tenant loads from the config database on a cache miss").withRegistry(registry);
    }

    /** Meters nowhere: what a gateway built without a registry uses. */
    public static GatewayMetrics none() {
        return new GatewayMetrics(new CompositeMeterRegistry());
    }

    public void request(Outcome outcome, String gear) {
        requests.withTags("outcome", outcome.tag, "gear", gear).increment();
    }

    /**
     * One proxied request to {@code target} ({@code route} or {@code gear}) answered with {@code status};
     * 502 and 504 (the proxy's own answers) count as {@link Outcome#PROXY_ERROR}, others as {@code ok}.
     */
    public void proxied(String target, Outcome ok, String gear, int status, long startNanos) {
        proxy.withTags("target", target, "status", Integer.toString(status))
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        request(status == 502 || status == 504 ? Outcome.PROXY_ERROR : ok, gear);
    }

    public void tenantCacheLookup(boolean hit) {
        cacheGets.withTag("result", hit ? "hit" : "miss").increment();
    }

    /** Times one tenant load: {@code found}, {@code not_found}, or {@code error} when it throws. */
    public <T> Optional<T> timeLoad(Supplier<Optional<T>> load) {
        long start = System.nanoTime();
        String result = "error";
        try {
            Optional<T> loaded = load.get();
            result = loaded.isPresent() ? "found" : "not_found";
            return loaded;
        } finally {
            loads.withTag("result", result).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** The {@code skygear.gateway.tenant.cache.size} gauge of {@code cache}. */
    public <T> void cacheSize(T cache, ToDoubleFunction<T> size) {
        Gauge.builder("skygear.gateway.tenant.cache.size", cache, size)
                .description("Hosts cached by the gateway, unknown hosts included").register(registry);
    }
}
