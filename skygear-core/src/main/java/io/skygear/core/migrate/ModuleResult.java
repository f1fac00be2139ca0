package io.skygear.core.migrate;

import java.util.List;

/**
 * What one command did to one module in one schema.
 *
 * @param module      module name
 * @param schema      the schema the module ran in
 * @param fromVersion current version before, or null when there was none
 * @param toVersion   current version after (for a dry run: what it would have been), or null
 * @param applied     versions applied, in order
 * @param undone      versions undone, in order
 * @param outcome     {@code ok}, {@code no change}, or the version for the {@code version} command
 */
public record ModuleResult(String module, String schema, String fromVersion, String toVersion,
        List<String> applied, List<String> undone, String outcome) {

    public ModuleResult {
        applied = List.copyOf(applied);
        undone = List.copyOf(undone);
    }

    /** True when the outcome is {@code ok}: the history changed (or would have, in a dry run). */
    public boolean changed() {
        return MigrationResult.OK.equals(outcome);
    }
}
