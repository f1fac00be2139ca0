package io.skygear.core.internal.migrate;

import io.skygear.core.migrate.MigrationCommand;
import io.skygear.core.migrate.MigrationException;
import io.skygear.core.migrate.MigrationModule;
import io.skygear.core.migrate.MigrationResult;
import io.skygear.core.migrate.MigrationStatus;
import io.skygear.core.migrate.ModuleResult;
import io.skygear.core.migrate.ModuleStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.jooq.exception.DataAccessException;

/**
 * Runs a command over the selected modules: one connection and one transaction per module, committed
 * when the module succeeds. A dry run uses a single transaction for all modules (so auth sees core's
 * tables) and rolls it back at the end; status and version always roll back.
 */
public final class MigrationEngine {

    private final DataSource dataSource;
    private final String schema;
    private final List<MigrationModule> modules;
    private final boolean dryRun;
    private final ClassLoader loader;

    /** {@code modules} in ascending order; {@code schema} may be null only if no module needs it. */
    public MigrationEngine(DataSource dataSource, String schema, List<MigrationModule> modules, boolean dryRun,
            ClassLoader loader) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.modules = List.copyOf(modules);
        this.dryRun = dryRun;
        this.loader = loader;
    }

    public MigrationStatus status() {
        List<ModuleStatus> statuses = new ArrayList<>();
        inTransaction(modules, false, (connection, module) -> statuses.add(run(connection, module).status()));
        return new MigrationStatus(schema, statuses);
    }

    public MigrationResult execute(MigrationCommand command) {
        List<ModuleResult> results = new ArrayList<>();
        switch (command) {
            case MigrationCommand.Version v -> inTransaction(modules, false, (connection, module) -> {
                ModuleStatus status = run(connection, module).status();
                if (status.currentVersion() == null) {
                    throw new MigrationException("no migration", module.name(), null);
                }
                results.add(new ModuleResult(module.name(), status.schema(), status.currentVersion(),
                        status.currentVersion(), List.of(), List.of(), status.currentVersion()));
            });
            case MigrationCommand.Up up -> each(modules, (connection, module) ->
                    results.add(run(connection, module).up(up.steps())));
            case MigrationCommand.Down down -> each(modules.reversed(), (connection, module) ->
                    results.add(run(connection, module).down(down.steps())));
            case MigrationCommand.Force force -> each(modules, (connection, module) ->
                    results.add(run(connection, module).force(force.version())));
        }
        return new MigrationResult(command.name(), schema, dryRun, results);
    }

    private ModuleRun run(Connection connection, MigrationModule module) {
        String target = module.usesCallerSchema() ? schema : module.defaultSchema();
        return new ModuleRun(connection, module, target, loader);
    }

    private interface Step {
        void run(Connection connection, MigrationModule module);
    }

    private void each(List<MigrationModule> ordered, Step step) {
        if (dryRun) {
            inTransaction(ordered, false, step);
        } else {
            for (MigrationModule module : ordered) {
                inTransaction(List.of(module), true, step);
            }
        }
    }

    private void inTransaction(List<MigrationModule> ordered, boolean commit, Step step) {
        MigrationModule current = null;
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                for (MigrationModule module : ordered) {
                    current = module;
                    step.run(connection, module);
                }
                if (commit) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
            } catch (RuntimeException | Error e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException | DataAccessException | FlywayException e) {
            String prefix = current == null ? ""
                    : current.name() + " in schema " + (current.usesCallerSchema() ? schema : current.defaultSchema()) + ": ";
            throw new MigrationException(prefix + "database error: " + e.getMessage(),
                    current == null ? null : current.name(), e);
        }
    }
}
