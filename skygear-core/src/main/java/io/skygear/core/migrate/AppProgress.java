package io.skygear.core.migrate;

/**
 * Reported once per app when its target is done.
 *
 * @param index  1-based position of the app in the config database's order (by name)
 * @param total  number of apps selected
 * @param app    app name
 * @param target the target the app shares with others (if any)
 */
public record AppProgress(int index, int total, String app, TargetResult target) {

    /** e.g. {@code [3/50] myapp jdbc:postgresql://db:5432/skygear schema=app: core ok, auth no change}. */
    public String line() {
        return "[" + index + "/" + total + "] " + app + " " + target.database() + " schema=" + target.schema()
                + ": " + target.detail();
    }
}
