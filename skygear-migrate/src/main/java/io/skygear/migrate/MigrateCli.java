package io.skygear.migrate;

import io.skygear.core.db.Database;
import io.skygear.core.migrate.MigrationCommand;
import io.skygear.core.migrate.MigrationException;
import io.skygear.core.migrate.MigrationModule;
import io.skygear.core.migrate.MigrationResult;
import io.skygear.core.migrate.Migrations;
import io.skygear.core.migrate.MultiTenantMigration;
import io.skygear.core.migrate.MultiTenantResult;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The {@code skygear-migrate} command line: the original's {@code migrate} tool over {@link Migrations}
 * and {@link MultiTenantMigration}, with every module's migrations inside the jar. See {@link #USAGE}.
 * Exit codes: 0 done, 1 the migration failed, 2 the command line is wrong.
 */
public final class MigrateCli {

    static final String USAGE = """
            Usage: skygear-migrate [options] <command> [arg]

            Commands:
              status              a table of every module's current, applied and pending versions
              version             each module's current version ("no migration" when it has none)
              up [N]              apply every pending migration, or the next N of each module
              down [N|all]        undo the last N migrations of each module, or all of them (the default)
              force V             record V as current without running scripts (-1: clear the history)
              add-version --module <m> --name <description> [--dir <resources dir>]
                                  create up/V<unix seconds>__<description>.sql and its undo script
                                  down/U<same>__<description>.sql under <dir>/io/skygear/migrations/<m>/
                                  (default dir: ./skygear-<m>/src/main/resources of the source tree)

            Options:
              --migration <module>       a module to run (repeatable; default: all, core before auth)
              --schema <schema>          target schema of the tenant modules (core, auth, asset)
              --database <url>           jdbc:postgresql://… or postgres://user:pass@host/db (default: $DATABASE_URL)
              --dry-run                  run everything in one transaction and roll it back
              --config-database <url>    run for every app of this config database (schema app_config),
                                         each in the database and schema its config names
              --app-filter-key <column>  with --app-filter-value: only apps whose app.<column> has that value
              --app-filter-value <value>
              --hostname-override <host> replace the host of every app's database URL (keeps the port)
              --parallelism <N>          apps migrated at once with --config-database (default 1)
              --continue-on-error        keep going after a failed app (default: stop)
              -h, --help                 this text

            Exit codes: 0 done, 1 migration failed, 2 usage error.
            """;

    private final Map<String, String> env;
    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;
    private final ClassLoader loader = MigrateCli.class.getClassLoader();

    MigrateCli(Map<String, String> env, Clock clock, PrintStream out, PrintStream err) {
        this.env = env;
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line; output on {@code out}, errors (one line each) on {@code err}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new MigrateCli(System.getenv(), Clock.systemUTC(), out, err).run(args);
    }

    int run(String[] args) {
        try {
            CliOptions options = CliOptions.parse(args, env);
            if (options.help()) {
                out.print(USAGE);
                return 0;
            }
            if (options.command().equals("add-version")) {
                return addVersion(options);
            }
            return options.multiTenant() ? runForApps(options) : runOnDatabase(options);
        } catch (UsageException e) {
            err.println("skygear-migrate: " + e.getMessage() + " (see --help)");
            return 2;
        } catch (MigrationException | IllegalStateException | UncheckedIOException e) {
            err.println("skygear-migrate: " + e.getMessage());
            return 1;
        }
    }

    private int runOnDatabase(CliOptions options) {
        MigrationCommand command = options.command().equals("status") ? null : command(options);
        if (options.command().equals("status") && options.argument() != null) {
            throw new UsageException("status takes no argument");
        }
        List<MigrationModule> modules = selectedModules(options.migrations());
        if (options.schema() == null && modules.stream().anyMatch(MigrationModule::usesCallerSchema)) {
            throw new UsageException("missing schema: pass --schema for "
                    + String.join(", ", modules.stream().filter(MigrationModule::usesCallerSchema)
                            .map(MigrationModule::name).toList()));
        }
        if (options.database() == null) {
            throw new UsageException("missing db url: pass --database or set DATABASE_URL");
        }
        try (Database database = connect(options.database(), "--database")) {
            Migrations migrations = Migrations.configure()
                    .dataSource(database.dataSource())
                    .schema(options.schema())
                    .modules(options.migrations().toArray(String[]::new))
                    .dryRun(options.dryRun())
                    .classLoader(loader)
                    .load();
            if (command == null) {
                out.print(StatusTable.render(migrations.status()));
            } else {
                MigrationResult result = migrations.execute(command);
                out.println(result.summary() + (result.dryRun() ? " (dry run, rolled back)" : ""));
            }
            return 0;
        }
    }

    private int runForApps(CliOptions options) {
        MigrationCommand command = command(options);
        try (Database config = connect(options.configDatabase(), "--config-database")) {
            MultiTenantMigration.Builder builder = MultiTenantMigration.builder()
                    .configDatabase(config)
                    .modules(options.migrations().toArray(String[]::new))
                    .parallelism(options.parallelism())
                    .continueOnError(options.continueOnError())
                    .dryRun(options.dryRun())
                    .classLoader(loader)
                    .progress(progress -> out.println(progress.line()));
            if (options.appFilterKey() != null) {
                builder.filter(options.appFilterKey(), options.appFilterValue());
            }
            if (options.hostnameOverride() != null) {
                builder.hostOverride(options.hostnameOverride());
            }
            MultiTenantMigration migration;
            try {
                migration = builder.build();
            } catch (MigrationException e) {
                throw new UsageException(e.getMessage());
            }
            MultiTenantResult result = migration.run(command);
            out.println(command.name() + " " + String.join(", ", migration.modules()) + ": " + result.apps() + " apps in "
                    + result.targets().size() + " targets: " + result.succeeded() + " changed, " + result.unchanged()
                    + " unchanged, " + result.failed() + " failed, " + result.skipped() + " skipped"
                    + (options.dryRun() ? " (dry run, rolled back)" : ""));
            if (!result.ok()) {
                err.println("skygear-migrate: " + result.failed() + " of " + result.targets().size() + " targets failed"
                        + (result.skipped() > 0 ? ", " + result.skipped() + " skipped" : "")
                        + "; first: " + result.errors().getFirst());
                return 1;
            }
            return 0;
        }
    }

    private int addVersion(CliOptions options) {
        if (options.argument() != null) {
            throw new UsageException("add-version takes no argument");
        }
        List<Path> files = VersionFiles.create(options.module(), options.name(), options.dir(), options.sourceRoot(),
                clock.instant().getEpochSecond());
        files.forEach(file -> out.println("created " + file));
        return 0;
    }

    /** The command of version, up, down and force; argument errors are usage errors. */
    private static MigrationCommand command(CliOptions options) {
        String name = options.command();
        String argument = options.argument();
        if (name.equals("version") && argument != null) {
            throw new UsageException("version takes no argument");
        }
        if (name.equals("force") && argument == null) {
            throw new UsageException("force needs a version (or -1 to clear the history)");
        }
        if (name.equals("down") && "all".equals(argument)) {
            argument = null;
        }
        try {
            return MigrationCommand.parse(name, argument);
        } catch (MigrationException e) {
            throw new UsageException(e.getMessage() + ": " + argument);
        }
    }

    private List<MigrationModule> selectedModules(List<String> names) {
        List<MigrationModule> available = Migrations.available(loader);
        for (String name : names) {
            if (available.stream().noneMatch(m -> m.name().equals(name))) {
                throw new UsageException("unknown migration: " + name + " (available: "
                        + String.join(", ", available.stream().map(MigrationModule::name).toList()) + ")");
            }
        }
        return names.isEmpty() ? available : available.stream().filter(m -> names.contains(m.name())).toList();
    }

    /** A small pool (the commands run one connection at a time); the URL is not echoed, it may hold a password. */
    private static Database connect(String url, String option) {
        try {
            return Database.builder().jdbcUrl(url).maximumPoolSize(2).minimumIdle(0).poolName("skygear-migrate")
                    .build();
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid " + option + " URL: " + e.getMessage().replaceFirst("^jdbcUrl: ", ""));
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot connect to the database of " + option + ": " + e.getMessage(), e);
        }
    }
}
