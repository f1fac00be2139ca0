package io.skygear.core.migrate;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a command did, module by module (in the order they ran).
 *
 * @param command the command's name ({@code up}, {@code down}, {@code force}, {@code version})
 * @param schema  the caller's schema (modules with a fixed schema report theirs in {@link ModuleResult})
 * @param dryRun  true when everything ran and was rolled back
 * @param modules one result per module
 */
public record MigrationResult(String command, String schema, boolean dryRun, List<ModuleResult> modules) {

    /** The original's result string when something was applied, undone or forced. */
    public static final String OK = "ok";
    /** The original's result string when there was nothing to do. */
    public static final String NO_CHANGE = "no change";

    public MigrationResult {
        modules = List.copyOf(modules);
    }

    /** True when any module changed. */
    public boolean changed() {
        return modules.stream().anyMatch(ModuleResult::changed);
    }

    /**
     * The original's result string: a single module's outcome; for several modules {@code ok} when any
     * changed, else {@code no change} ({@code version}: {@link #summary()}).
     */
    public String outcome() {
        if (modules.size() == 1) {
            return modules.getFirst().outcome();
        }
        if (command.equals("version")) {
            return summary();
        }
        return changed() ? OK : NO_CHANGE;
    }

    /** One line for logs and CLIs, e.g. {@code core ok, auth no change}. */
    public String summary() {
        return modules.stream().map(m -> m.module() + " " + m.outcome()).collect(Collectors.joining(", "));
    }
}
