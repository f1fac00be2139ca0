package io.skygear.bench;

import io.skygear.gateway.internal.cache.TenantCache;
import io.skygear.gateway.internal.resolve.ConfigDbSource;
import io.skygear.gateway.internal.resolve.ResolvedTenant;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tenant resolution of the gateway with {@code --tenants} apps (default 10,000) in the config database:
 * cold lookups (one query of the app, config, plan, gears, routes and hooks, and config validation)
 * against a bare {@code SELECT 1} round trip, and cached lookups (the gateway's {@code TenantCache}, all
 * tenants warm) against a bare {@code ConcurrentHashMap.get}. Hosts drawn at random; latencies of single
 * calls, p50 and p99. Uses the gateway's internal classes directly (the same ones GatewayFilter runs).
 *
 * <p>Usage: {@code TenantResolutionBench [--tenants 10000] [--cold 2000] [--cached 1000000]}
 */
public final class TenantResolutionBench {

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = new HashMap<>(Map.of("--tenants", 10_000, "--cold", 2_000, "--cached", 1_000_000));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!options.containsKey(args[i])) {
                throw new IllegalArgumentException("usage: [--tenants 10000] [--cold 2000] [--cached 1000000]");
            }
            options.put(args[i], Integer.parseInt(args[i + 1]));
        }
        int tenants = options.get("--tenants");
        try (GatewayBenchApp app = GatewayBenchApp.start()) {
            long started = System.nanoTime();
            insertTenants(app, tenants);
            System.out.printf("Tenant resolution: %,d tenants inserted in %.1f s; JDK %s, %d CPUs; load average %s%n",
                    tenants, (System.nanoTime() - started) / 1e9, Runtime.version(),
                    Runtime.getRuntime().availableProcessors(), AuthBenchApp.loadAverage());
            ConfigDbSource source = new ConfigDbSource(app.configDb);
            SplittableRandom random = new SplittableRandom(42);
            check(source.resolve(host(1)).isPresent() && source.resolve(host(tenants)).isPresent(), "tenants resolve");

            int cold = options.get("--cold");
            for (int i = 0; i < cold / 4; i++) {
                source.resolve(host(1 + random.nextInt(tenants)));
                app.configDb.dsl().fetchValue("SELECT 1");
            }
            long[] coldLookups = new long[cold];
            long[] roundTrips = new long[cold];
            for (int i = 0; i < cold; i++) {
                String host = host(1 + random.nextInt(tenants));
                long t0 = System.nanoTime();
                Optional<ResolvedTenant> tenant = source.resolve(host);
                long t1 = System.nanoTime();
                app.configDb.dsl().fetchValue("SELECT 1");
                long t2 = System.nanoTime();
                check(tenant.isPresent(), host);
                coldLookups[i] = t1 - t0;
                roundTrips[i] = t2 - t1;
            }

            TenantCache cache = new TenantCache(source, Duration.ofHours(1), 100_000, System::nanoTime);
            ConcurrentHashMap<String, Optional<ResolvedTenant>> map = new ConcurrentHashMap<>();
            for (int i = 1; i <= tenants; i++) {
                map.put(host(i), cache.resolve(host(i)));
            }
            int cached = options.get("--cached");
            String[] hosts = new String[cached];
            for (int i = 0; i < cached; i++) {
                hosts[i] = host(1 + random.nextInt(tenants));
            }
            long[] cachedLookups = new long[cached];
            long[] mapLookups = new long[cached];
            for (int round = 0; round < 2; round++) { // the first round warms the JIT up
                for (int i = 0; i < cached; i++) {
                    long t0 = System.nanoTime();
                    Optional<ResolvedTenant> a = cache.resolve(hosts[i]);
                    long t1 = System.nanoTime();
                    Optional<ResolvedTenant> b = map.get(hosts[i]);
                    long t2 = System.nanoTime();
                    if (a.isEmpty() || b == null) {
                        throw new IllegalStateException("miss: " + hosts[i]);
                    }
                    cachedLookups[i] = t1 - t0;
                    mapLookups[i] = t2 - t1;
                }
            }

            System.out.println();
            System.out.printf("%-40s %10s %10s %10s%n", "lookup", "p50 us", "p99 us", "calls");
            row("cold: ConfigDbSource.resolve", coldLookups);
            row("baseline: SELECT 1 round trip", roundTrips);
            row("cached: TenantCache.resolve", cachedLookups);
            row("baseline: ConcurrentHashMap.get", mapLookups);
            System.out.printf("cold / SELECT 1 (p50): %.2fx; cached / map get (p50): %.2fx; cached p99 %.2f us%n",
                    percentile(coldLookups, 50) / percentile(roundTrips, 50),
                    percentile(cachedLookups, 50) / percentile(mapLookups, 50), percentile(cachedLookups, 99) / 1000);
        }
    }

    static String host(int i) {
        return "t" + i + ".bench.test";
    }

    /** Config rows derived from one template by SQL, so that 10,000 apps take seconds, not minutes. */
    private static void insertTenants(GatewayBenchApp app, int tenants) {
        String template = AuthBenchApp.config("template").toJson();
        app.configDb.transaction(trx -> {
            trx.dsl().execute("""
                    INSERT INTO app_config.config (id, created_at, updated_at, config, app_id)
                    SELECT md5('c' || i)::uuid, now(), now(), jsonb_set(?::jsonb, ARRAY['app_id'], to_jsonb('t' || i)),
                           md5('a' || i)::uuid
                    FROM generate_series(1, ?) AS i""", template, tenants);
            trx.dsl().execute("""
                    INSERT INTO app_config.app (id, created_at, updated_at, name, plan_id, config_id, auth_version)
                    SELECT md5('a' || i)::uuid, now(), now(), 'tenant-' || i,
                           (SELECT id FROM app_config.plan WHERE is_default), md5('c' || i)::uuid, 'live'
                    FROM generate_series(1, ?) AS i""", tenants);
            trx.dsl().execute("""
                    INSERT INTO app_config.domain (id, created_at, updated_at, domain, app_id)
                    SELECT md5('d' || i)::uuid, now(), now(), 't' || i || '.bench.test', md5('a' || i)::uuid
                    FROM generate_series(1, ?) AS i""", tenants);
        });
        app.configDb.dsl().execute("ANALYZE app_config.domain");
    }

    private static void row(String label, long[] nanos) {
        System.out.printf("%-40s %10.2f %10.2f %,10d%n", label, percentile(nanos, 50) / 1000, percentile(nanos, 99) / 1000,
                nanos.length);
    }

    private static double percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("check failed: " + what);
        }
    }
}
