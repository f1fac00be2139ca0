package io.skygear.core.migrate;

import java.util.List;

/**
 * One (database, schema) of a multi-tenant run, migrated once for all the apps that share it.
 *
 * @param database the database URL without credentials or query, or the app's raw value when unusable
 * @param schema   the target schema (may be null when the app's config lacks it)
 * @param apps     names of the apps using this target, in query order
 * @param status   what happened
 * @param result   the migration result (null unless CHANGED or UNCHANGED)
 * @param error    the failure (null unless FAILED)
 */
public record TargetResult(String database, String schema, List<String> apps, Status status,
        MigrationResult result, String error) {

    public TargetResult {
        apps = List.copyOf(apps);
    }

    /** What happened to a target. */
    public enum Status {
        /** At least one module changed ({@code ok}). */
        CHANGED,
        /** Nothing to do ({@code no change}), or a {@code version} query. */
        UNCHANGED,
        /** The target failed; its current module was rolled back. */
        FAILED,
        /** Not run: an earlier target failed and continue-on-error is off. */
        SKIPPED
    }

    /** What a progress line says after the target: e.g. {@code core ok, auth no change}. */
    public String detail() {
        return switch (status) {
            case CHANGED, UNCHANGED -> result.summary();
            case FAILED -> "failed: " + error;
            case SKIPPED -> "skipped after an earlier failure";
        };
    }
}
