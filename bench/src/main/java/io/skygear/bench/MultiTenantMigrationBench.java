package io.skygear.bench;

import io.skygear.core.db.Database;
import io.skygear.core.migrate.Migrations;
import io.skygear.core.migrate.MultiTenantMigration;
import io.skygear.core.migrate.MultiTenantResult;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * Multi-tenant migration, sequential against parallel, in one run: embedded PostgreSQL, a config
 * database (the gateway's {@code app_config}) listing {@code --apps} apps, each in its own tenant schema
 * of one tenant database; {@link MultiTenantMigration} runs core and auth {@code up} for all of them with
 * each {@code --parallelism}, {@code --repeat} times, every time into a freshly created tenant database,
 * after one untimed round of each. Rounds alternate the parallelism order so that drift of the machine spreads over all of them. Prints
 * each round, then per parallelism the median and best wall time, the CPU used by the JVM and PostgreSQL
 * (and by other processes, which disturb the figures), and the ratio sequential / parallel.
 *
 * <p>Usage: {@code MultiTenantMigrationBench [--apps 200] [--repeat 3] [--parallelism 1,2,4,8]}
 */
public final class MultiTenantMigrationBench {

    private record Settings(int apps, int repeat, List<Integer> parallelism) {

        static Settings parse(String[] args) {
            int apps = 200;
            int repeat = 3;
            List<Integer> parallelism = List.of(1, 2, 4, 8);
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--apps" -> apps = Integer.parseInt(args[i + 1]);
                    case "--repeat" -> repeat = Integer.parseInt(args[i + 1]);
                    case "--parallelism" -> parallelism = Arrays.stream(args[i + 1].split(","))
                            .map(String::strip).map(Integer::valueOf).toList();
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (usage: [--apps 200] [--repeat 3] [--parallelism 1,2,4,8])");
                }
            }
            if (apps < 1 || repeat < 1 || parallelism.isEmpty() || parallelism.stream().anyMatch(p -> p < 1)) {
                throw new IllegalArgumentException("--apps, --repeat and every --parallelism must be at least 1");
            }
            return new Settings(apps, repeat, parallelism);
        }
    }

    private final Settings settings;
    private final EmbeddedPostgres postgres;
    private final DSLContext admin;
    private final Database config;
    private final CpuMeter meter;
    private final int cpus = Runtime.getRuntime().availableProcessors();
    private int databases;
    private String applied;

    private MultiTenantMigrationBench(Settings settings, EmbeddedPostgres postgres, Database admin, Database config) {
        this.settings = settings;
        this.postgres = postgres;
        this.admin = admin.dsl();
        this.config = config;
        this.meter = CpuMeter.of(this.admin);
    }

    public static void main(String[] args) throws IOException {
        Settings settings = Settings.parse(args);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                Database admin = database(postgres, "postgres", 1)) {
            admin.dsl().execute("CREATE DATABASE bench_config");
            try (Database config = database(postgres, "bench_config", 2)) {
                new MultiTenantMigrationBench(settings, postgres, admin, config).run();
            }
        }
    }

    private static Database database(EmbeddedPostgres postgres, String name, int poolSize) {
        return Database.builder().jdbcUrl(postgres.getJdbcUrl("postgres", name)).maximumPoolSize(poolSize)
                .minimumIdle(0).poolName("bench-" + name).build();
    }

    private void run() {
        Migrations.configure().database(config).modules("gateway").load().up();
        createApps();
        System.out.printf("Multi-tenant migration: core + auth up for %d apps, each in its own schema of one tenant "
                + "database; %d round(s) per parallelism%n", settings.apps(), settings.repeat());
        System.out.printf("PostgreSQL %s (embedded; fsync=%s, synchronous_commit=%s), JDK %s, %d CPUs%n",
                setting("server_version"), setting("fsync"), setting("synchronous_commit"),
                Runtime.version().feature(), Runtime.getRuntime().availableProcessors());

        // one untimed round of each: the JIT compiles the paths of every parallelism before anything counts
        for (int p : settings.parallelism().reversed()) {
            System.out.printf("warm-up, parallelism %d: %.1f s%n", p, round(p).wallSeconds());
        }
        System.out.println("versions applied per app: " + applied);

        Map<Integer, List<CpuMeter.Sample>> rounds = new LinkedHashMap<>();
        settings.parallelism().forEach(p -> rounds.put(p, new ArrayList<>()));
        for (int r = 0; r < settings.repeat(); r++) {
            List<Integer> order = new ArrayList<>(settings.parallelism());
            if (r % 2 == 1) {
                order = order.reversed();
            }
            for (int p : order) {
                CpuMeter.Sample round = round(p);
                rounds.get(p).add(round);
                System.out.printf("round %d, parallelism %d: %.2f s (%.1f ms per app); CPU: ours %.0f%% of %d "
                                + "(JVM %.1f s, PostgreSQL %.1f s), other processes %.0f%%%n",
                        r + 1, p, round.wallSeconds(), 1000 * round.wallSeconds() / settings.apps(),
                        100 * round.ours(cpus), cpus, round.jvm(), round.postgres(), 100 * round.others());
            }
        }

        List<CpuMeter.Sample> sequential = rounds.get(settings.parallelism().getFirst());
        System.out.println();
        System.out.printf("%-12s %9s %9s %11s %11s %9s %10s %12s %14s %12s%n", "parallelism", "median s", "best s",
                "ms per app", "CPU ms/app", "our CPU", "JVM share", "other procs", "ratio median", "ratio best");
        for (Map.Entry<Integer, List<CpuMeter.Sample>> entry : rounds.entrySet()) {
            List<CpuMeter.Sample> samples = entry.getValue();
            double median = median(samples);
            System.out.printf("%-12d %9.2f %9.2f %11.1f %11.1f %8.0f%% %9.0f%% %11.0f%% %14.2f %12.2f%n",
                    entry.getKey(), median, best(samples), 1000 * median / settings.apps(),
                    1000 * average(samples, s -> s.jvm() + s.postgres()) / settings.apps(),
                    100 * average(samples, s -> s.ours(cpus)),
                    100 * average(samples, s -> s.jvm() / (s.jvm() + s.postgres())),
                    100 * average(samples, CpuMeter.Sample::others),
                    median(sequential) / median, best(sequential) / best(samples));
        }
        System.out.println("ratio = wall time at parallelism " + settings.parallelism().getFirst()
                + " / wall time at this parallelism, same run; CPU ms/app = JVM + PostgreSQL CPU time per app");
    }

    /** The apps, named app-0001…, each with schema tenant_0001…; their database URL is set per round. */
    private void createApps() {
        config.dsl().execute("""
                WITH n AS (SELECT i, gen_random_uuid() AS config_id FROM generate_series(1, ?) AS i),
                config AS (
                    INSERT INTO app_config.config (id, created_at, updated_at, config, app_id)
                    SELECT config_id, now(), now(),
                           jsonb_build_object('app_config', jsonb_build_object(
                               'database_url', '', 'database_schema', 'tenant_' || lpad(i::text, 4, '0'))),
                           gen_random_uuid()
                    FROM n)
                INSERT INTO app_config.app (id, created_at, updated_at, name, plan_id, config_id, auth_version)
                SELECT gen_random_uuid(), now(), now(), 'app-' || lpad(i::text, 4, '0'),
                       (SELECT id FROM app_config.plan WHERE is_default), config_id, 'live'
                FROM n""", settings.apps());
    }

    /** Points every app at a new empty database, migrates them all, checks the result, drops the database. */
    private CpuMeter.Sample round(int parallelism) {
        String name = "bench_tenants_" + (++databases);
        admin.execute("CREATE DATABASE " + name);
        String url = "postgres://postgres@localhost:" + postgres.getPort() + "/" + name;
        config.dsl().execute("UPDATE app_config.config "
                + "SET config = jsonb_set(config, '{app_config,database_url}', to_jsonb(?::text))", url);
        MultiTenantMigration migration = MultiTenantMigration.builder().configDatabase(config).modules("core", "auth")
                .parallelism(parallelism).build();

        CpuMeter.Sample before = meter.sample();
        MultiTenantResult result = migration.up();
        CpuMeter.Sample used = meter.sample().minus(before);

        if (!result.ok() || result.succeeded() != settings.apps()) {
            throw new IllegalStateException("round failed: " + result.errors());
        }
        applied = result.targets().getFirst().result().modules().stream()
                .map(m -> m.module() + " " + m.applied().size()).collect(Collectors.joining(", "));
        admin.execute("DROP DATABASE " + name + " WITH (FORCE)");
        return used;
    }

    private String setting(String name) {
        return admin.fetchValue("SELECT current_setting(?)", name).toString();
    }

    private static double median(List<CpuMeter.Sample> samples) {
        double[] seconds = samples.stream().mapToDouble(CpuMeter.Sample::wallSeconds).sorted().toArray();
        int mid = seconds.length / 2;
        return seconds.length % 2 == 1 ? seconds[mid] : (seconds[mid - 1] + seconds[mid]) / 2;
    }

    private static double best(List<CpuMeter.Sample> samples) {
        return samples.stream().mapToDouble(CpuMeter.Sample::wallSeconds).min().orElseThrow();
    }

    private static double average(List<CpuMeter.Sample> samples, ToDoubleFunction<CpuMeter.Sample> value) {
        return samples.stream().mapToDouble(value).average().orElseThrow();
    }
}
