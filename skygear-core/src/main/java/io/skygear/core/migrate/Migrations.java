package io.skygear.core.migrate;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.skygear.core.db.Database;
import io.skygear.core.internal.migrate.MigrationEngine;
import io.skygear.core.internal.migrate.ModuleCatalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Database migrations of the Skygear modules found on the classpath, with Flyway underneath. The only
 * class most users need:
 *
 * <pre>{@code
 * Migrations migrations = Migrations.configure().database(db).schema("app").load();
 * migrations.up();                         // "ok", then "no change"
 * migrations.status().module("core").currentVersion();
 * }</pre>
 *
 * <p>Semantics: modules run in their {@link MigrationModule#order() order} (core before auth; down in
 * reverse). Each module runs on one connection in one transaction, committed at its end and rolled back
 * when anything in it fails, so a failing script leaves the module at the version it had. A PostgreSQL
 * advisory lock per (schema, module) serialises concurrent runners; the later one finds nothing to do.
 * The schema is created when missing; each module keeps its history in its own table inside the target
 * schema ({@code _core_version}, {@code _auth_version}, …). Checksums are validated before up and down.
 *
 * <p>A dry run executes everything in one transaction over all modules and rolls it back, so it proves
 * the scripts run and leaves nothing behind. {@code down} runs the paired {@code U} scripts in reverse
 * and deletes their history rows; {@code force} rewrites the history without running scripts (see
 * {@link MigrationCommand.Force}). A history table left by the original (golang-migrate's
 * {@code version, dirty}) is renamed to {@code <table>_golang_migrate} and its version recorded as
 * applied on the first up, down or force.
 *
 * <p>Immutable; each verb opens its own connections, so one instance may be used from several threads.
 */
public final class Migrations {

    private final List<MigrationModule> modules;
    private final String schema;
    private final boolean dryRun;
    private final MigrationEngine engine;
    private final Meter.MeterProvider<Timer> commands;

    private Migrations(DataSource dataSource, String schema, List<MigrationModule> modules, boolean dryRun,
            ClassLoader loader, MeterRegistry meterRegistry) {
        this.commands = Timer.builder("skygear.migrate.commands")
                .description("Migration commands run, by command and result").withRegistry(meterRegistry);
        this.modules = modules;
        this.schema = schema;
        this.dryRun = dryRun;
        this.engine = new MigrationEngine(dataSource, schema, modules, dryRun, loader);
    }

    public static Builder configure() {
        return new Builder();
    }

    /** Every migration module on the class path of {@code loader}, in run order. */
    public static List<MigrationModule> available(ClassLoader loader) {
        return ModuleCatalog.load(loader);
    }

    /** The selected modules, in run order. */
    public List<MigrationModule> modules() {
        return modules;
    }

    /** The caller's schema (null when only fixed-schema modules are selected and none was set). */
    public String schema() {
        return schema;
    }

    public boolean dryRun() {
        return dryRun;
    }

    /** Current, applied and pending versions per module; changes nothing. */
    public MigrationStatus status() {
        return engine.status();
    }

    /** Runs {@code command} (e.g. from {@link MigrationCommand#parse}). */
    public MigrationResult execute(MigrationCommand command) {
        long start = System.nanoTime();
        String result = "failed";
        try {
            MigrationResult done = engine.execute(command);
            result = done.changed() ? "changed" : "unchanged";
            return done;
        } finally {
            commands.withTags("command", command.name(), "result", result)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** Each module's current version; fails with {@code no migration} for a module that has none. */
    public MigrationResult version() {
        return execute(new MigrationCommand.Version());
    }

    /** Applies every pending migration. */
    public MigrationResult up() {
        return execute(new MigrationCommand.Up(OptionalInt.empty()));
    }

    /** Applies the next {@code steps} migrations of each module ({@code limit N short} if fewer are pending). */
    public MigrationResult up(int steps) {
        return execute(new MigrationCommand.Up(OptionalInt.of(requireSteps(steps))));
    }

    /** Undoes the last {@code steps} migrations of each module ({@code limit N short} if fewer are applied). */
    public MigrationResult down(int steps) {
        return execute(new MigrationCommand.Down(OptionalInt.of(requireSteps(steps))));
    }

    /** Undoes every applied migration, modules in reverse order. */
    public MigrationResult downAll() {
        return execute(new MigrationCommand.Down(OptionalInt.empty()));
    }

    /** Rewrites the history so that {@code version} is current; see {@link MigrationCommand.Force}. */
    public MigrationResult force(String version) {
        return execute(MigrationCommand.parse("force", version));
    }

    private static int requireSteps(int steps) {
        if (steps < 0) {
            throw new MigrationException("invalid step");
        }
        return steps;
    }

    /** Settings of a {@link Migrations}; {@link #load()} validates them. */
    public static final class Builder {
        private DataSource dataSource;
        private String schema;
        private List<String> moduleNames = List.of();
        private boolean dryRun;
        private ClassLoader classLoader;
        private MeterRegistry meterRegistry = new CompositeMeterRegistry();

        private Builder() {
        }

        /** The database to migrate; its schema is the default target schema. */
        public Builder database(Database database) {
            this.dataSource = database.dataSource();
            if (schema == null) {
                schema = database.schema();
            }
            return this;
        }

        /** The database to migrate, as a DataSource (connections are borrowed and returned per module). */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /** Target schema of the tenant modules (modules with a {@code default_schema} keep theirs). */
        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        /** Modules to run (run in their order whatever the order given); default: every module found. */
        public Builder modules(String... modules) {
            this.moduleNames = List.of(modules);
            return this;
        }

        /** Execute and roll back. */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** Where to find modules and scripts (default: the thread's context class loader, else ours). */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
            return this;
        }

        /** Where the {@code skygear.migrate.commands} timer goes (see docs/operations.md); none when not set. */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = meterRegistry;
            return this;
        }

        /**
         * @throws MigrationException {@code missing db url}, {@code unknown migration: <name>},
         *     {@code missing schema}, or when no module is found
         */
        public Migrations load() {
            if (dataSource == null) {
                throw new MigrationException("missing db url");
            }
            if (meterRegistry == null) {
                throw new MigrationException("meterRegistry: must not be null");
            }
            ClassLoader loader = ModuleCatalog.loader(classLoader);
            List<MigrationModule> found = ModuleCatalog.load(loader);
            List<MigrationModule> selected = new ArrayList<>();
            if (moduleNames.isEmpty()) {
                selected.addAll(found);
            }
            for (String name : moduleNames) {
                MigrationModule module = found.stream().filter(m -> m.name().equals(name)).findFirst()
                        .orElseThrow(() -> new MigrationException("unknown migration: " + name));
                if (!selected.contains(module)) {
                    selected.add(module);
                }
            }
            if (selected.isEmpty()) {
                throw new MigrationException("missing module: no migration module on the classpath");
            }
            selected.sort(Comparator.comparingInt(MigrationModule::order).thenComparing(MigrationModule::name));
            String target = schema == null || schema.isBlank() ? null : schema;
            if (target == null && selected.stream().anyMatch(MigrationModule::usesCallerSchema)) {
                throw new MigrationException("missing schema");
            }
            if (target != null && (target.length() > 63 || target.indexOf('\0') >= 0)) {
                throw new MigrationException("invalid schema: must be 1 to 63 characters");
            }
            return new Migrations(dataSource, target, List.copyOf(selected), dryRun, loader, meterRegistry);
        }
    }
}
