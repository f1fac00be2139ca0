package io.skygear.core.migrate;

import java.util.List;

/**
 * Where one module stands in one schema.
 *
 * @param module         module name
 * @param schema         the schema it runs in
 * @param historyTable   its history table in that schema
 * @param currentVersion the latest applied version, or null when none is
 * @param applied        applied versions, ascending
 * @param pending        versions not applied yet, ascending
 * @param dirty          true when a failed migration is recorded (up and down refuse to run; use force)
 */
public record ModuleStatus(String module, String schema, String historyTable, String currentVersion,
        List<String> applied, List<String> pending, boolean dirty) {

    public ModuleStatus {
        applied = List.copyOf(applied);
        pending = List.copyOf(pending);
    }
}
