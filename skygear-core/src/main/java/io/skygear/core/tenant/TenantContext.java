package io.skygear.core.tenant;

import io.skygear.core.config.TenantConfig;
import jakarta.servlet.ServletRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * The tenant (app) a request belongs to, put on the request by {@link TenantFilter}. Passed in-process
 * instead of the original's {@code x-skygear-app-config} header. Create instances with
 * {@link #of(TenantConfig)} so that later components (plan, app record) do not break callers.
 *
 * @param config the tenant's validated configuration
 * @param quotas the limits of the tenant's plan (unlimited without a gateway)
 */
public record TenantContext(TenantConfig config, TenantQuotas quotas) {

    /** Request attribute holding the {@code TenantContext}. */
    public static final String ATTRIBUTE = TenantContext.class.getName();

    private static final ThreadLocal<TenantContext> CURRENT = new ThreadLocal<>();

    public TenantContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(quotas, "quotas");
    }

    /** A tenant without plan limits, as a single-tenant host app has. */
    public static TenantContext of(TenantConfig config) {
        return new TenantContext(config, TenantQuotas.unlimited());
    }

    public static TenantContext of(TenantConfig config, TenantQuotas quotas) {
        return new TenantContext(config, quotas);
    }

    /** Shortcut for {@code config().appId()}. */
    public String appId() {
        return config.appId();
    }

    /** The tenant of this request, if a {@link TenantFilter} (or the gateway) resolved one. */
    public static Optional<TenantContext> find(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof TenantContext t ? Optional.of(t) : Optional.empty();
    }

    /**
     * The tenant of this request.
     *
     * @throws IllegalStateException when no filter put one on the request
     */
    public static TenantContext require(ServletRequest request) {
        return find(request).orElseThrow(() -> new IllegalStateException(
                "no TenantContext on this request: map a TenantFilter (or the GatewayFilter) in front of this "
                        + "servlet, for the same dispatcher types"));
    }

    /**
     * The tenant of the request being handled by the calling thread, for code that has no request at
     * hand. Only valid on the request thread, while {@link TenantFilter} runs the chain: not in
     * executors, async continuations or after the response.
     *
     * @throws IllegalStateException outside such a request
     */
    public static TenantContext current() {
        TenantContext current = CURRENT.get();
        if (current == null) {
            throw new IllegalStateException("no current TenantContext: TenantContext.current() only works on a "
                    + "request thread inside TenantFilter; pass the TenantContext explicitly elsewhere");
        }
        return current;
    }

    /** Makes {@code context} current and returns what was current before, for {@link #restore}. */
    static TenantContext enter(TenantContext context) {
        TenantContext previous = CURRENT.get();
        CURRENT.set(context);
        return previous;
    }

    static void restore(TenantContext previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
