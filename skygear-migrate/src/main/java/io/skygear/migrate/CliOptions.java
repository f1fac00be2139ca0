package io.skygear.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line, parsed and checked for combinations that make no sense. Options take
 * {@code --name value} or {@code --name=value}; one leading dash works too ({@code -migration=core}, as
 * with the original's Go flags). {@code -1} and other words not starting with a letter after the dash
 * are arguments, so {@code force -1} works.
 *
 * @param command      status, version, up, down, force or add-version (null with {@code --help})
 * @param argument     the command's argument, or null
 * @param migrations   modules in the order given; empty for all
 * @param database     database URL (default from {@code DATABASE_URL}); null in multi-tenant mode
 * @param parallelism  targets at once in multi-tenant mode
 * @param sourceRoot   where add-version looks for module folders when {@code dir} is not given
 */
record CliOptions(String command, String argument, List<String> migrations, String schema, String database,
        boolean dryRun, String configDatabase, String appFilterKey, String appFilterValue, String hostnameOverride,
        int parallelism, boolean continueOnError, String module, String name, String dir, String sourceRoot,
        boolean help) {

    static final List<String> COMMANDS = List.of("status", "version", "up", "down", "force", "add-version");

    boolean multiTenant() {
        return configDatabase != null;
    }

    /**
     * @param env {@code DATABASE_URL} (default database) and {@code SKYGEAR_SOURCE_ROOT} (default root of
     *            add-version, else the working directory {@code user.dir})
     * @throws UsageException naming what is wrong
     */
    static CliOptions parse(String[] args, Map<String, String> env) {
        Parser p = new Parser();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!isOption(arg)) {
                positional.add(arg);
                continue;
            }
            String body = arg.substring(arg.startsWith("--") ? 2 : 1);
            int eq = body.indexOf('=');
            String flag = eq < 0 ? body : body.substring(0, eq);
            String inline = eq < 0 ? null : body.substring(eq + 1);
            if (isSwitch(flag)) {
                p.setSwitch(flag, inline == null || parseBoolean(flag, inline));
                continue;
            }
            String value = inline;
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException("--" + flag + " needs a value");
                }
                value = args[++i];
            }
            p.set(flag, value);
        }
        if (p.help) {
            return p.build(null, null, env);
        }
        if (positional.isEmpty()) {
            throw new UsageException("missing command (one of " + String.join(", ", COMMANDS) + ")");
        }
        String command = positional.getFirst();
        if (!COMMANDS.contains(command)) {
            throw new UsageException("undefined command: " + command + " (one of " + String.join(", ", COMMANDS) + ")");
        }
        if (positional.size() > 2) {
            throw new UsageException("too many arguments: " + String.join(" ", positional));
        }
        return p.build(command, positional.size() == 2 ? positional.get(1) : null, env);
    }

    private static boolean isOption(String arg) {
        String body = arg.startsWith("--") ? arg.substring(2) : arg.startsWith("-") ? arg.substring(1) : "";
        return !body.isEmpty() && Character.isLetter(body.charAt(0));
    }

    private static boolean isSwitch(String flag) {
        return switch (flag) {
            case "dry-run", "continue-on-error", "help", "h" -> true;
            default -> false;
        };
    }

    private static boolean parseBoolean(String flag, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new UsageException("--" + flag + " takes true or false, got " + value);
        };
    }

    /** Collects option values, then checks them against the command. */
    private static final class Parser {
        private final List<String> migrations = new ArrayList<>();
        private String schema;
        private String database;
        private boolean dryRun;
        private String configDatabase;
        private String appFilterKey;
        private String appFilterValue;
        private String hostnameOverride;
        private String parallelism;
        private boolean continueOnError;
        private String module;
        private String name;
        private String dir;
        private boolean help;

        void setSwitch(String flag, boolean on) {
            switch (flag) {
                case "dry-run" -> dryRun = on;
                case "continue-on-error" -> continueOnError = on;
                default -> help = on;
            }
        }

        void set(String flag, String value) {
            switch (flag) {
                case "migration" -> migrations.add(value);
                case "schema" -> schema = value;
                case "database" -> database = value;
                case "config-database" -> configDatabase = value;
                case "app-filter-key" -> appFilterKey = value;
                case "app-filter-value" -> appFilterValue = value;
                case "hostname-override" -> hostnameOverride = value;
                case "parallelism" -> parallelism = value;
                case "module" -> module = value;
                case "name" -> name = value;
                case "dir" -> dir = value;
                default -> throw new UsageException("unknown option: --" + flag);
            }
        }

        CliOptions build(String command, String argument, Map<String, String> env) {
            boolean addVersion = "add-version".equals(command);
            if (command != null) {
                check(addVersion, command);
            }
            int threads = 1;
            if (parallelism != null) {
                try {
                    threads = Integer.parseInt(parallelism);
                } catch (NumberFormatException e) {
                    threads = 0;
                }
                if (threads < 1) {
                    throw new UsageException("--parallelism must be a whole number of at least 1, got " + parallelism);
                }
            }
            String url = database;
            if (url == null && configDatabase == null && !addVersion) {
                url = blankToNull(env.get("DATABASE_URL"));
            }
            String root = env.getOrDefault("SKYGEAR_SOURCE_ROOT", System.getProperty("user.dir"));
            return new CliOptions(command, argument, List.copyOf(migrations), schema, url, dryRun, configDatabase,
                    appFilterKey, appFilterValue, hostnameOverride, threads, continueOnError, module, name, dir, root,
                    help);
        }

        private void check(boolean addVersion, String command) {
            if (addVersion) {
                if (!migrations.isEmpty() || schema != null || database != null || dryRun || configDatabase != null
                        || appFilterKey != null || appFilterValue != null || hostnameOverride != null
                        || parallelism != null || continueOnError) {
                    throw new UsageException("add-version takes only --module, --name and --dir");
                }
                if (module == null || name == null) {
                    throw new UsageException("add-version needs --module <module> and --name <description>");
                }
                return;
            }
            if (module != null || name != null || dir != null) {
                throw new UsageException("--module, --name and --dir apply only to add-version");
            }
            if (configDatabase == null) {
                if (appFilterKey != null || appFilterValue != null || hostnameOverride != null || parallelism != null
                        || continueOnError) {
                    throw new UsageException("--app-filter-key, --app-filter-value, --hostname-override, "
                            + "--parallelism and --continue-on-error apply only with --config-database");
                }
            } else {
                if (database != null || schema != null) {
                    throw new UsageException("--database and --schema do not apply with --config-database "
                            + "(each app's config names its own)");
                }
                if ((appFilterKey == null) != (appFilterValue == null)) {
                    throw new UsageException("--app-filter-key and --app-filter-value go together");
                }
                if (command.equals("status")) {
                    throw new UsageException("status is not available with --config-database (use version)");
                }
            }
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }
}
