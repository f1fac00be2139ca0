package io.skygear.core.migrate;

import java.util.List;

/**
 * Summary of a multi-tenant run.
 *
 * @param apps    number of apps selected from the config database
 * @param targets one result per distinct (database, schema), in the order of their first app
 */
public record MultiTenantResult(int apps, List<TargetResult> targets) {

    public MultiTenantResult {
        targets = List.copyOf(targets);
    }

    /** Targets where something changed. */
    public long succeeded() {
        return count(TargetResult.Status.CHANGED);
    }

    /** Targets that were already up to date (or only queried). */
    public long unchanged() {
        return count(TargetResult.Status.UNCHANGED);
    }

    public long failed() {
        return count(TargetResult.Status.FAILED);
    }

    /** Targets not run because an earlier one failed. */
    public long skipped() {
        return count(TargetResult.Status.SKIPPED);
    }

    /** True when no target failed or was skipped. */
    public boolean ok() {
        return failed() == 0 && skipped() == 0;
    }

    /** One line per failed target: {@code <database> schema=<schema>: <error>}. */
    public List<String> errors() {
        return targets.stream().filter(t -> t.status() == TargetResult.Status.FAILED)
                .map(t -> t.database() + " schema=" + t.schema() + ": " + t.error()).toList();
    }

    private long count(TargetResult.Status status) {
        return targets.stream().filter(t -> t.status() == status).count();
    }
}
