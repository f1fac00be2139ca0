package io.skygear.core.migrate;

/**
 * A set of migrations shipped in a jar, described by {@code META-INF/skygear/migrations/<name>.properties}
 * (keys {@code module}, {@code order}, {@code history_table}, {@code default_schema}, {@code location}).
 * Up scripts are {@code <location>/up/V<version>__<description>.sql}, their undo scripts
 * {@code <location>/down/U<version>__<description>.sql}; both are unqualified SQL run with
 * {@code search_path} set to the target schema.
 *
 * @param name          e.g. {@code core}, {@code auth}, {@code asset}, {@code gateway}
 * @param order         modules run in ascending order (down: descending), e.g. core 10 before auth 20
 * @param historyTable  the Flyway history table inside the target schema, e.g. {@code _core_version}
 * @param defaultSchema a fixed target schema (gateway: {@code app_config}), or empty for the caller's schema
 * @param location      classpath folder of the scripts, e.g. {@code io/skygear/migrations/core}
 */
public record MigrationModule(String name, int order, String historyTable, String defaultSchema, String location) {

    /** True when the module runs in the schema the caller chooses (a tenant schema). */
    public boolean usesCallerSchema() {
        return defaultSchema.isEmpty();
    }
}
