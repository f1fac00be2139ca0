package io.skygear.gateway.internal.cache;

import io.skygear.gateway.internal.metrics.GatewayMetrics;
import io.skygear.gateway.internal.resolve.ResolvedTenant;
import io.skygear.gateway.internal.resolve.TenantSource;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Resolved tenants by host for a TTL, unknown hosts included (so that they cannot hammer the config
 * database). {@link #invalidateAll()} drops everything; a lookup that started before it does not put
 * its (possibly stale) answer back, thanks to the generation counter.
 */
public final class TenantCache implements TenantSource {

    private record Entry(Optional<ResolvedTenant> tenant, long expiresAt) {
    }

    private final TenantSource source;
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final GatewayMetrics metrics;

    public TenantCache(TenantSource source, Duration ttl, int maxEntries, LongSupplier nanoTime) {
        this(source, ttl, maxEntries, nanoTime, GatewayMetrics.none());
    }

    public TenantCache(TenantSource source, Duration ttl, int maxEntries, LongSupplier nanoTime,
                       GatewayMetrics metrics) {
        this.metrics = metrics;
        this.source = source;
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
    }

    @Override
    public Optional<ResolvedTenant> resolve(String host) {
        long now = nanoTime.getAsLong();
        Entry entry = entries.get(host);
        if (entry != null && now - entry.expiresAt() < 0) {
            metrics.tenantCacheLookup(true);
            return entry.tenant();
        }
        metrics.tenantCacheLookup(false);
        long before = generation.get();
        Optional<ResolvedTenant> tenant = metrics.timeLoad(() -> source.resolve(host));
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(host, new Entry(tenant, now + ttlNanos));
        if (generation.get() != before) {
            // invalidated while loading: the answer may predate the change
            entries.remove(host);
        }
        return tenant;
    }

    /** Forgets every tenant; the next request of each host asks the source again. */
    public void invalidateAll() {
        generation.incrementAndGet();
        entries.clear();
    }

    public int size() {
        return entries.size();
    }
}
