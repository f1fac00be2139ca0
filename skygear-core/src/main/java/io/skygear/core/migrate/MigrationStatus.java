package io.skygear.core.migrate;

import java.util.List;

/**
 * Where every selected module stands, in run order.
 *
 * @param schema  the caller's schema
 * @param modules one status per module
 */
public record MigrationStatus(String schema, List<ModuleStatus> modules) {

    public MigrationStatus {
        modules = List.copyOf(modules);
    }

    /** The status of {@code module}; throws when it was not selected. */
    public ModuleStatus module(String module) {
        return modules.stream().filter(m -> m.module().equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("module not selected: " + module));
    }
}
