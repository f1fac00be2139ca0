package io.skygear.core.migrate;

import io.skygear.core.db.Database;
import io.skygear.core.internal.migrate.ModuleCatalog;
import io.skygear.core.internal.migrate.MultiTenantRun;
import io.skygear.core.internal.migrate.TenantApps;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.jooq.DSLContext;

/**
 * Runs a migration command for every app of a config database (the gateway's {@code app_config}
 * schema), like the original's {@code -config-database} mode:
 *
 * <pre>{@code
 * MultiTenantResult result = MultiTenantMigration.builder()
 *         .configDatabase(configDb)
 *         .modules("core", "auth")
 *         .filter("auth_version", "live")
 *         .parallelism(4)
 *         .progress(p -> System.out.println(p.line()))
 *         .build()
 *         .up();
 * }</pre>
 *
 * <p>Each app's database comes from its config ({@code app_config.database_url}, in the original's
 * {@code postgres://} form or JDBC form, and {@code app_config.database_schema}). Apps that share a
 * (database URL, schema) are migrated once and each reported (the original deduplicated by URL only and
 * so skipped tenants in other schemas of the same database). One connection pool is opened per distinct
 * database and closed at the end. By default the first failure stops scheduling further targets (the
 * original exited); targets already running finish.
 */
public final class MultiTenantMigration {

    private final DSLContext config;
    private final String configSchema;
    private final String filterColumn;
    private final String filterValue;
    private final MultiTenantRun.Settings settings;

    private MultiTenantMigration(Builder b, List<String> modules, ClassLoader loader) {
        this.config = b.configDatabase.dsl();
        this.configSchema = b.configSchema;
        this.filterColumn = b.filterColumn;
        this.filterValue = b.filterValue;
        this.settings = new MultiTenantRun.Settings(modules, b.hostOverride, b.parallelism, b.continueOnError,
                b.dryRun, b.progress, loader);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs {@code command} for every selected app's target. */
    public MultiTenantResult run(MigrationCommand command) {
        List<TenantApps.TenantApp> apps = TenantApps.read(config, configSchema, filterColumn, filterValue);
        return new MultiTenantRun(settings).run(apps, command);
    }

    /** {@code run(up)}: applies every pending migration of every target. */
    public MultiTenantResult up() {
        return run(new MigrationCommand.Up(OptionalInt.empty()));
    }

    /** The modules run per target, in order. */
    public List<String> modules() {
        return settings.modules();
    }

    /** Settings of a {@link MultiTenantMigration}; {@link #build()} validates them. */
    /** Each parallel target may open its own pool; more than this would exhaust a PostgreSQL's connections. */
    public static final int MAX_PARALLELISM = 64;

    public static final class Builder {
        private Database configDatabase;
        private String configSchema = "app_config";
        private List<String> modules = List.of();
        private String filterColumn;
        private String filterValue;
        private String hostOverride;
        private int parallelism = 1;
        private boolean continueOnError;
        private boolean dryRun;
        private Consumer<AppProgress> progress;
        private ClassLoader classLoader;

        private Builder() {
        }

        /** The config database listing the apps (required; we do not close it). */
        public Builder configDatabase(Database configDatabase) {
            this.configDatabase = configDatabase;
            return this;
        }

        /** Schema of the config tables (default {@code app_config}). */
        public Builder configSchema(String configSchema) {
            this.configSchema = configSchema;
            return this;
        }

        /** Modules to run per target (default: every module found that runs in a tenant schema). */
        public Builder modules(String... modules) {
            this.modules = List.of(modules);
            return this;
        }

        /** Only apps whose {@code app.<column>} equals {@code value} as text (column checked against the catalog). */
        public Builder filter(String column, String value) {
            this.filterColumn = column;
            this.filterValue = value;
            return this;
        }

        /** Replace the host of every app's database URL, keeping its port (to run outside the cluster). */
        public Builder hostOverride(String host) {
            this.hostOverride = host;
            return this;
        }

        /** Targets migrated at once (default 1: one after the other). */
        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        /** Keep going after a failed target (default false: stop scheduling new targets). */
        public Builder continueOnError(boolean continueOnError) {
            this.continueOnError = continueOnError;
            return this;
        }

        /** Execute and roll back every target. */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** Called once per app when its target is done (from worker threads, one call at a time). */
        public Builder progress(Consumer<AppProgress> progress) {
            this.progress = progress;
            return this;
        }

        /** Where to find modules and scripts (default: the thread's context class loader, else ours). */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
            return this;
        }

        /** @throws MigrationException naming the setting that is missing or invalid */
        public MultiTenantMigration build() {
            if (configDatabase == null) {
                throw new MigrationException("configDatabase: required");
            }
            if (configSchema == null || configSchema.isBlank()) {
                throw new MigrationException("configSchema: must not be blank");
            }
            if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
                throw new MigrationException("parallelism: must be between 1 and " + MAX_PARALLELISM + ", got " + parallelism);
            }
            if ((filterColumn == null) != (filterValue == null) || (filterColumn != null && filterColumn.isBlank())) {
                throw new MigrationException("filter: needs both a column and a value");
            }
            if (hostOverride != null && (hostOverride.isBlank() || hostOverride.matches(".*[/?@,\\s].*"))) {
                throw new MigrationException("hostOverride: not a host name: " + hostOverride);
            }
            ClassLoader loader = ModuleCatalog.loader(classLoader);
            List<MigrationModule> found = ModuleCatalog.load(loader);
            List<String> selected = new ArrayList<>();
            for (MigrationModule module : found) {
                if (modules.isEmpty() ? module.usesCallerSchema() : modules.contains(module.name())) {
                    if (!module.usesCallerSchema()) {
                        throw new MigrationException("module " + module.name() + " has its own schema ("
                                + module.defaultSchema() + ") and is not run per tenant");
                    }
                    selected.add(module.name());
                }
            }
            for (String name : modules) {
                if (found.stream().noneMatch(m -> m.name().equals(name))) {
                    throw new MigrationException("unknown migration: " + name);
                }
            }
            if (selected.isEmpty()) {
                throw new MigrationException("missing module: no tenant migration module on the classpath");
            }
            return new MultiTenantMigration(this, List.copyOf(selected), loader);
        }
    }
}
