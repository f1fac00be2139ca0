package io.skygear.core.migrate;

import java.util.OptionalInt;

/**
 * What a migration run does, as the original's commands: {@code version}, {@code up [N]},
 * {@code down [N]}, {@code force V}. Parsed from text by {@link #parse} for the CLI and HTTP endpoint.
 */
public sealed interface MigrationCommand {

    /** The command's name as typed: {@code version}, {@code up}, {@code down} or {@code force}. */
    String name();

    /** Reports each module's current version; a module with none fails with {@code no migration}. */
    record Version() implements MigrationCommand {
        @Override
        public String name() {
            return "version";
        }
    }

    /** Applies every pending migration, or the next {@code steps} (0: none). */
    record Up(OptionalInt steps) implements MigrationCommand {
        @Override
        public String name() {
            return "up";
        }
    }

    /** Undoes every applied migration, or the last {@code steps} (0: none). */
    record Down(OptionalInt steps) implements MigrationCommand {
        @Override
        public String name() {
            return "down";
        }
    }

    /**
     * Makes the history say that {@code version} is current without running any script: entries above it
     * and failed entries are removed, versions up to it that are not recorded are recorded as applied.
     * {@code -1} clears the history.
     */
    record Force(String version) implements MigrationCommand {
        @Override
        public String name() {
            return "force";
        }
    }

    /**
     * Parses the original's command line form: {@code command} is {@code version}, {@code up},
     * {@code down} or {@code force}; {@code argument} is the optional step count of up/down (a
     * non-negative integer) or the version of force (digits and dots, or {@code -1}).
     *
     * @throws MigrationException {@code undefined command}, {@code invalid step} or {@code invalid version}
     */
    static MigrationCommand parse(String command, String argument) {
        String arg = argument == null ? "" : argument.strip();
        return switch (command == null ? "" : command.strip()) {
            case "version" -> new Version();
            case "up" -> new Up(steps(arg));
            case "down" -> new Down(steps(arg));
            case "force" -> {
                if (!arg.equals("-1") && !arg.matches("[0-9]+(\\.[0-9]+)*")) {
                    throw new MigrationException("invalid version");
                }
                yield new Force(arg);
            }
            default -> throw new MigrationException("undefined command");
        };
    }

    private static OptionalInt steps(String arg) {
        if (arg.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int n = Integer.parseInt(arg);
            if (n >= 0) {
                return OptionalInt.of(n);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MigrationException("invalid step");
    }
}
