package io.skygear.core.internal.migrate;

import io.skygear.core.db.Database;
import io.skygear.core.internal.db.PostgresUrl;
import io.skygear.core.internal.migrate.TenantApps.TenantApp;
import io.skygear.core.migrate.AppProgress;
import io.skygear.core.migrate.MigrationCommand;
import io.skygear.core.migrate.MigrationResult;
import io.skygear.core.migrate.Migrations;
import io.skygear.core.migrate.MultiTenantResult;
import io.skygear.core.migrate.TargetResult;
import io.skygear.core.migrate.TargetResult.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates every (database, schema) used by the selected apps once, on a bounded thread pool, with one
 * connection pool per distinct database (closed at the end).
 */
public final class MultiTenantRun {

    private static final Logger LOG = LoggerFactory.getLogger("io.skygear.core.migrate.MultiTenantMigration");
    private static final AtomicInteger POOL_COUNTER = new AtomicInteger();

    /** Settings, validated by the public builder. */
    public record Settings(List<String> modules, String hostOverride, int parallelism, boolean continueOnError,
            boolean dryRun, Consumer<AppProgress> progress, ClassLoader loader) {
    }

    private record DatabaseKey(String jdbcUrl, String user, String password) {
    }

    private record TargetKey(DatabaseKey database, String schema) {
    }

    /** A target and its apps (with their 1-based indexes); {@code problem} set when it cannot run. */
    private record Target(String database, DatabaseKey key, String schema, List<TenantApp> apps,
            List<Integer> indexes, String problem) {
    }

    private final Settings settings;
    private final Map<DatabaseKey, Pool> pools = new ConcurrentHashMap<>();
    private final AtomicBoolean failed = new AtomicBoolean();
    private final Object progressLock = new Object();

    public MultiTenantRun(Settings settings) {
        this.settings = settings;
    }

    public MultiTenantResult run(List<TenantApp> apps, MigrationCommand command) {
        List<Target> targets = targets(apps);
        LOG.info("{} {} app(s) in {} target(s), modules {}{}", command.name(), apps.size(), targets.size(),
                settings.modules(), settings.dryRun() ? " (dry run)" : "");
        ExecutorService executor = Executors.newFixedThreadPool(settings.parallelism(), r -> {
            Thread t = new Thread(r, "skygear-migrate-" + POOL_COUNTER.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<TargetResult>> futures = new ArrayList<>();
            for (Target target : targets) {
                futures.add(executor.submit(() -> runAndReport(target, command, apps.size())));
            }
            List<TargetResult> results = new ArrayList<>();
            for (Future<TargetResult> future : futures) {
                results.add(future.get());
            }
            return new MultiTenantResult(apps.size(), results);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while migrating tenants", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("unexpected failure while migrating tenants", e.getCause());
        } finally {
            executor.shutdownNow();
            pools.values().forEach(Pool::close);
        }
    }

    private List<Target> targets(List<TenantApp> apps) {
        Map<Object, Target> targets = new LinkedHashMap<>();
        for (int i = 0; i < apps.size(); i++) {
            TenantApp app = apps.get(i);
            String problem = null;
            String database = app.databaseUrl() == null ? "(no database_url)" : PostgresUrl.redact(app.databaseUrl());
            DatabaseKey key = null;
            if (app.databaseUrl() == null) {
                problem = "missing app_config.database_url in the app's config";
            } else if (app.schema() == null) {
                problem = "missing app_config.database_schema in the app's config";
            } else {
                try {
                    PostgresUrl url = PostgresUrl.parse(app.databaseUrl());
                    if (settings.hostOverride() != null) {
                        url = url.withHost(settings.hostOverride());
                    }
                    database = url.redacted();
                    key = new DatabaseKey(url.jdbcUrl(), url.user(), url.password());
                } catch (IllegalArgumentException e) {
                    problem = "invalid database_url: " + e.getMessage();
                }
            }
            // unusable apps are targets of their own, reported as failed
            Object id = problem == null ? new TargetKey(key, app.schema()) : app.name();
            Target existing = targets.get(id);
            List<TenantApp> members = new ArrayList<>(existing == null ? List.of() : existing.apps());
            List<Integer> indexes = new ArrayList<>(existing == null ? List.of() : existing.indexes());
            members.add(app);
            indexes.add(i + 1);
            targets.put(id, new Target(database, key, app.schema(), members, indexes, problem));
        }
        return List.copyOf(targets.values());
    }

    private TargetResult runAndReport(Target target, MigrationCommand command, int total) {
        TargetResult result = runTarget(target, command);
        synchronized (progressLock) {
            for (int i = 0; i < target.apps().size(); i++) {
                AppProgress progress = new AppProgress(target.indexes().get(i), total, target.apps().get(i).name(), result);
                if (result.status() == Status.FAILED) {
                    LOG.warn(progress.line());
                } else {
                    LOG.info(progress.line());
                }
                if (settings.progress() != null) {
                    settings.progress().accept(progress);
                }
            }
        }
        return result;
    }

    private TargetResult runTarget(Target target, MigrationCommand command) {
        List<String> names = target.apps().stream().map(TenantApp::name).toList();
        if (failed.get() && !settings.continueOnError()) {
            return new TargetResult(target.database(), target.schema(), names, Status.SKIPPED, null, null);
        }
        try {
            if (target.problem() != null) {
                throw new IllegalArgumentException(target.problem());
            }
            Database database = pools.computeIfAbsent(target.key(), Pool::new).database();
            MigrationResult result = Migrations.configure()
                    .dataSource(database.dataSource())
                    .schema(target.schema())
                    .modules(settings.modules().toArray(String[]::new))
                    .dryRun(settings.dryRun())
                    .classLoader(settings.loader())
                    .load()
                    .execute(command);
            return new TargetResult(target.database(), target.schema(), names,
                    result.changed() ? Status.CHANGED : Status.UNCHANGED, result, null);
        } catch (RuntimeException e) {
            failed.set(true);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new TargetResult(target.database(), target.schema(), names, Status.FAILED, null, message);
        }
    }

    /** The pool of one database, created on first use; a failure to connect is remembered. */
    private final class Pool {
        private final DatabaseKey key;
        private Database database;
        private RuntimeException failure;

        Pool(DatabaseKey key) {
            this.key = key;
        }

        synchronized Database database() {
            if (database == null && failure == null) {
                try {
                    database = Database.builder()
                            .jdbcUrl(key.jdbcUrl())
                            .username(key.user())
                            .password(key.password())
                            .maximumPoolSize(settings.parallelism())
                            .minimumIdle(0)
                            .poolName("skygear-migrate-pool-" + POOL_COUNTER.incrementAndGet())
                            .build();
                } catch (RuntimeException e) {
                    failure = new IllegalStateException("cannot connect: " + PostgresUrl.redact(String.valueOf(e.getMessage())), e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return database;
        }

        synchronized void close() {
            if (database != null) {
                database.close();
            }
        }
    }
}
