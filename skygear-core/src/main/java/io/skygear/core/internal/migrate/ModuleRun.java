package io.skygear.core.internal.migrate;

import io.skygear.core.migrate.MigrationException;
import io.skygear.core.migrate.MigrationModule;
import io.skygear.core.migrate.MigrationResult;
import io.skygear.core.migrate.ModuleResult;
import io.skygear.core.migrate.ModuleStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One module in one schema, on one connection whose transaction the caller owns (commit, or roll back
 * for a dry run or on failure). Every verb first takes a transaction-scoped advisory lock on
 * (schema, module), so concurrent runners serialise and the later one sees the earlier one's result.
 */
final class ModuleRun {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleRun.class);
    private static final String LOCK_NAMESPACE = "skygear-migrate:";
    private static final String LEGACY_SUFFIX = "_golang_migrate";
    private static final Field<Integer> INSTALLED_RANK = DSL.field(DSL.name("installed_rank"), Integer.class);

    private final Connection connection;
    private final DSLContext dsl;
    private final MigrationModule module;
    private final String schema;
    private final ClassLoader loader;

    ModuleRun(Connection connection, MigrationModule module, String schema, ClassLoader loader) {
        this.connection = connection;
        this.dsl = DSL.using(connection, SQLDialect.POSTGRES);
        this.module = module;
        this.schema = schema;
        this.loader = loader;
    }

    /** Read-only view (run it in a transaction that is rolled back: a legacy history is renamed to read it). */
    ModuleStatus status() {
        Legacy legacy = legacyHistory() ? renameLegacy() : null;
        History history = history(flyway(c -> { }));
        if (legacy != null && legacy.version() != null) {
            MigrationVersion v = MigrationVersion.fromVersion(legacy.version());
            return new ModuleStatus(module.name(), schema, module.historyTable(), legacy.version(),
                    versions(history.resolved().stream().filter(m -> !m.getVersion().isNewerThan(v)).toList()),
                    versions(history.resolved().stream().filter(m -> m.getVersion().isNewerThan(v)).toList()),
                    legacy.dirty());
        }
        return new ModuleStatus(module.name(), schema, module.historyTable(), history.current(),
                versions(history.applied()), versions(history.pending()), history.failed() != null);
    }

    ModuleResult up(OptionalInt steps) {
        lock();
        ensureSchema();
        adoptLegacy();
        Flyway flyway = flyway(c -> { });
        History before = history(flyway);
        requireClean(before);
        validate(flyway, before);
        List<MigrationInfo> pending = before.pending();
        int n = count(steps, pending.size());
        if (n == 0) {
            return result(before.current(), before.current(), List.of(), List.of(), MigrationResult.NO_CHANGE);
        }
        MigrationVersion target = pending.get(n - 1).getVersion();
        Tracker tracker = new Tracker();
        try {
            migrate(flyway(c -> c.target(target).validateOnMigrate(false).callbacks(tracker)));
        } catch (FlywayException e) {
            MigrationInfo failed = tracker.current;
            String which = failed == null ? "" : " " + failed.getVersion() + " (" + failed.getScript() + ")";
            throw error("migration" + which + " failed: " + sqlMessage(e), e);
        }
        List<String> applied = versions(pending.subList(0, n));
        LOG.info("{} in schema {}: applied {}", module.name(), schema, applied);
        return result(before.current(), target.getVersion(), applied, List.of(), MigrationResult.OK);
    }

    ModuleResult down(OptionalInt steps) {
        lock();
        adoptLegacy();
        Flyway flyway = flyway(c -> { });
        History before = history(flyway);
        requireClean(before);
        validate(flyway, before);
        List<MigrationInfo> applied = before.applied().reversed();
        int n = count(steps, applied.size());
        if (n == 0) {
            return result(before.current(), before.current(), List.of(), List.of(), MigrationResult.NO_CHANGE);
        }
        Map<MigrationVersion, URL> undo = undoScripts();
        List<MigrationInfo> toUndo = applied.subList(0, n);
        for (MigrationInfo m : toUndo) {
            if (!undo.containsKey(m.getVersion())) {
                throw error("no down migration for version " + m.getVersion() + " (expected "
                        + module.location() + "/down/U" + m.getVersion() + "__<description>.sql)", null);
            }
        }
        dsl.fetch("SELECT set_config('search_path', ?, true)", dsl.render(DSL.name(schema)));
        for (MigrationInfo m : toUndo) {
            URL script = undo.get(m.getVersion());
            try (Statement statement = connection.createStatement()) {
                statement.execute(read(script));
            } catch (SQLException e) {
                throw error("down migration " + m.getVersion() + " (" + fileName(script) + ") failed: " + oneLine(e.getMessage()), e);
            }
            dsl.deleteFrom(historyTable()).where(INSTALLED_RANK.eq(m.getInstalledRank())).execute();
        }
        String to = n < applied.size() ? applied.get(n).getVersion().getVersion() : null;
        List<String> undone = versions(toUndo);
        LOG.info("{} in schema {}: undid {}", module.name(), schema, undone);
        return result(before.current(), to, List.of(), undone, MigrationResult.OK);
    }

    /** {@code version} is {@code -1} (no version) or one of the module's versions. */
    ModuleResult force(String version) {
        MigrationVersion target = version.equals("-1") ? null : MigrationVersion.fromVersion(version);
        lock();
        ensureSchema();
        Legacy legacy = legacyHistory() ? renameLegacy() : null;
        History before = history(flyway(c -> { }));
        if (target != null && before.resolved().stream().noneMatch(m -> m.getVersion().equals(target))) {
            throw error("unknown version " + version + " (module versions: " + versions(before.resolved()) + ")", null);
        }
        List<Integer> remove = new ArrayList<>();
        for (MigrationInfo m : before.all()) {
            boolean above = m.getVersion() != null && (target == null || m.getVersion().isNewerThan(target));
            if (m.getInstalledRank() != null && (m.getState().isFailed() || above)) {
                remove.add(m.getInstalledRank());
            }
        }
        if (!remove.isEmpty()) {
            dsl.deleteFrom(historyTable()).where(INSTALLED_RANK.in(remove)).execute();
        }
        if (target != null) {
            record(target);
        }
        String from = legacy != null ? legacy.version() : before.current();
        LOG.info("{} in schema {}: forced version {} (was {})", module.name(), schema, version, from);
        return result(from, target == null ? null : target.getVersion(), List.of(), List.of(), MigrationResult.OK);
    }

    // ---- history ----

    private record History(List<MigrationInfo> all, List<MigrationInfo> resolved, List<MigrationInfo> applied,
            List<MigrationInfo> pending, MigrationInfo failed) {

        String current() {
            return applied.isEmpty() ? null : applied.getLast().getVersion().getVersion();
        }
    }

    private History history(Flyway flyway) {
        List<MigrationInfo> all = List.of(flyway.info().all());
        List<MigrationInfo> versioned = all.stream().filter(m -> m.getVersion() != null).toList();
        Comparator<MigrationInfo> byVersion = Comparator.comparing(MigrationInfo::getVersion);
        return new History(all,
                versioned.stream().filter(m -> m.getState().isResolved()).sorted(byVersion).toList(),
                versioned.stream().filter(m -> m.getState().isApplied() && !m.getState().isFailed())
                        .sorted(byVersion).toList(),
                versioned.stream().filter(m -> m.getState() == MigrationState.PENDING).sorted(byVersion).toList(),
                versioned.stream().filter(m -> m.getState().isFailed()).findFirst().orElse(null));
    }

    private void requireClean(History history) {
        if (history.failed() != null) {
            throw dirty(history.failed().getVersion().getVersion());
        }
    }

    private MigrationException dirty(String version) {
        return error("Dirty database version " + version + ". Fix and force version.", null);
    }

    // Flyway's validate (checksums, applied scripts that disappeared); pending and newer-than-known are fine.
    // A module without scripts or history (asset, for now) has nothing to validate, and Flyway would warn
    // "No migrations found" into the host's log on every run.
    private void validate(Flyway flyway, History history) {
        if (history.all().isEmpty()) {
            return;
        }
        ValidateResult result = flyway.validateWithResult();
        if (!result.validationSuccessful) {
            StringBuilder message = new StringBuilder("validation failed:");
            for (ValidateOutput invalid : result.invalidMigrations) {
                message.append(' ').append(firstLines(invalid.errorDetails.errorMessage)).append(';');
            }
            if (result.invalidMigrations.isEmpty() && result.errorDetails != null) {
                message.append(' ').append(firstLines(result.errorDetails.errorMessage)).append(';');
            }
            message.append(" a script was changed or removed after it was applied");
            throw error(message.toString(), null);
        }
    }

    /** Records every module version up to {@code target} that the history lacks, without running scripts. */
    private void record(MigrationVersion target) {
        History now = history(flyway(c -> { }));
        List<MigrationInfo> upTo = now.resolved().stream().filter(m -> !m.getVersion().isNewerThan(target)).toList();
        if (upTo.stream().anyMatch(m -> !m.getState().isApplied())) {
            // versions below the latest applied one are "ignored" by Flyway unless out of order is allowed
            boolean gaps = upTo.stream().anyMatch(m -> m.getState() == MigrationState.IGNORED);
            migrate(flyway(c -> c.resolvers(new RecordingResolver(upTo)).skipDefaultResolvers(true).target(target)
                    .outOfOrder(gaps).validateOnMigrate(false)));
        }
    }

    /**
     * Flyway refuses to create its history in a schema that already has tables (core's, when auth runs
     * first time) unless it may write a baseline marker; we let it (version 0, below all of ours) and
     * remove the marker again in the same transaction, so the history lists real migrations only.
     */
    private void migrate(Flyway flyway) {
        flyway.migrate();
        dsl.deleteFrom(historyTable()).where(DSL.field(DSL.name("type")).eq("BASELINE")).execute();
    }

    private Table<?> historyTable() {
        return DSL.table(DSL.name(schema, module.historyTable()));
    }

    // ---- golang-migrate histories of the original (version bigint, dirty boolean) ----

    private record Legacy(String version, boolean dirty) {
    }

    private boolean legacyHistory() {
        Map<String, String> columns = new HashMap<>();
        for (Record2<String, String> c : dsl.select(DSL.field(DSL.name("column_name"), String.class),
                        DSL.field(DSL.name("data_type"), String.class))
                .from(DSL.table(DSL.name("information_schema", "columns")))
                .where(DSL.field(DSL.name("table_schema")).eq(schema))
                .and(DSL.field(DSL.name("table_name")).eq(module.historyTable()))
                .fetch()) {
            columns.put(c.value1(), c.value2());
        }
        if (columns.isEmpty() || columns.containsKey("installed_rank")) {
            return false;
        }
        if (columns.equals(Map.of("version", "bigint", "dirty", "boolean"))) {
            return true;
        }
        throw error("history table " + schema + "." + module.historyTable() + " is neither Flyway's nor "
                + "golang-migrate's (columns " + columns.keySet() + ")", null);
    }

    /** Renames the golang-migrate table out of Flyway's way and returns what it said. */
    private Legacy renameLegacy() {
        Table<?> legacy = historyTable();
        var row = dsl.select(DSL.field(DSL.name("version"), Long.class), DSL.field(DSL.name("dirty"), Boolean.class))
                .from(legacy).orderBy(DSL.field(DSL.name("version")).desc()).limit(1).fetchOne();
        String renamed = module.historyTable() + LEGACY_SUFFIX;
        try {
            dsl.alterTable(legacy).renameTo(DSL.name(renamed)).execute();
        } catch (DataAccessException e) {
            throw error("cannot rename golang-migrate history " + module.historyTable() + " to " + renamed + ": "
                    + oneLine(e.getMessage()), e);
        }
        return row == null ? new Legacy(null, false) : new Legacy(String.valueOf(row.value1()), row.value2());
    }

    /**
     * Adopts an original Skygear v2 history: renames it to {@code <table>_golang_migrate} and records the
     * module's versions up to the one it held as applied (which must be one of ours, and clean).
     */
    private void adoptLegacy() {
        if (!legacyHistory()) {
            return;
        }
        Legacy legacy = renameLegacy();
        if (legacy.version() == null) {
            return;
        }
        if (legacy.dirty()) {
            throw dirty(legacy.version());
        }
        MigrationVersion version = MigrationVersion.fromVersion(legacy.version());
        History history = history(flyway(c -> { }));
        if (history.resolved().stream().noneMatch(m -> m.getVersion().equals(version))) {
            throw error("cannot adopt golang-migrate history at version " + legacy.version()
                    + ": not a version of this module " + versions(history.resolved()), null);
        }
        record(version);
        LOG.info("{} in schema {}: adopted golang-migrate history at version {}", module.name(), schema, legacy.version());
    }

    // ---- plumbing ----

    private void lock() {
        dsl.fetch("SELECT pg_advisory_xact_lock(hashtext(?), hashtext(?))", LOCK_NAMESPACE + schema, module.name());
    }

    private void ensureSchema() {
        dsl.createSchemaIfNotExists(DSL.name(schema)).execute();
    }

    private Flyway flyway(Consumer<FluentConfiguration> customize) {
        FluentConfiguration config = Flyway.configure(loader)
                .dataSource(new SingleTransactionDataSource(connection))
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(false)
                .table(module.historyTable())
                .locations("classpath:" + module.location() + "/up")
                .failOnMissingLocations(false)
                .placeholderReplacement(false)
                .ignoreMigrationPatterns("*:pending", "*:future")
                .cleanDisabled(true)
                .baselineOnMigrate(true)
                .baselineVersion("0");
        customize.accept(config);
        return config.load();
    }

    private Map<MigrationVersion, URL> undoScripts() {
        Map<MigrationVersion, URL> scripts = new HashMap<>();
        ClasspathDirectory.list(loader, module.location() + "/down", ".sql").forEach((name, url) -> {
            int separator = name.indexOf("__");
            if (name.startsWith("U") && separator > 1) {
                scripts.put(MigrationVersion.fromVersion(name.substring(1, separator)), url);
            }
        });
        return scripts;
    }

    private int count(OptionalInt steps, int available) {
        int n = steps.orElse(available);
        if (n > available && available > 0) {
            throw new MigrationException("limit " + (n - available) + " short", module.name(), null);
        }
        return Math.min(n, available);
    }

    private ModuleResult result(String from, String to, List<String> applied, List<String> undone, String outcome) {
        return new ModuleResult(module.name(), schema, from, to, applied, undone, outcome);
    }

    private MigrationException error(String message, Throwable cause) {
        return new MigrationException(module.name() + " in schema " + schema + ": " + message, module.name(), cause);
    }

    private static List<String> versions(List<MigrationInfo> migrations) {
        return migrations.stream().map(m -> m.getVersion().getVersion()).toList();
    }

    private static String read(URL script) {
        try (InputStream in = script.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MigrationException("cannot read " + script + ": " + e.getMessage(), null, e);
        }
    }

    private static String fileName(URL url) {
        String path = url.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The database's own message (with detail) when there is one, else Flyway's. */
    private static String sqlMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return oneLine(sql.getMessage());
            }
        }
        return firstLines(e.getMessage());
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\n\\s*", " ");
    }

    // Flyway's messages end with advice about its own CLI (repair, blog links) that does not apply here.
    private static String firstLines(String message) {
        if (message == null) {
            return "";
        }
        return oneLine(Arrays.stream(message.split("\n"))
                .takeWhile(line -> !line.startsWith("Either revert") && !line.startsWith("Need more flexibility"))
                .reduce((a, b) -> a + "\n" + b).orElse(""));
    }

    /** Remembers the migration Flyway is running, to name it when it fails. */
    private static final class Tracker implements Callback {
        private MigrationInfo current;

        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.BEFORE_EACH_MIGRATE;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            current = context.getMigrationInfo();
        }

        @Override
        public String getCallbackName() {
            return "skygear-migration-tracker";
        }
    }
}
