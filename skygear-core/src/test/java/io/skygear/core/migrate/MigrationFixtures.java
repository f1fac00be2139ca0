package io.skygear.core.migrate;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Test-only migration modules ({@code testmod}, {@code failmod}, {@code testconfig} under
 * {@code migrate-fixtures/}) behind their own class loader, so that no other test (nor the core
 * test-jar's users) discovers them; and catalog snapshots for before/after comparisons.
 */
final class MigrationFixtures {

    private static final ClassLoader LOADER = createLoader();

    private MigrationFixtures() {
    }

    /** Sees the fixture modules and, through its parent, the real ones (core). */
    static ClassLoader loader() {
        return LOADER;
    }

    private static ClassLoader createLoader() {
        URL root = MigrationFixtures.class.getClassLoader().getResource("migrate-fixtures/");
        if (root == null) {
            throw new IllegalStateException("migrate-fixtures/ is not on the test classpath");
        }
        return new URLClassLoader(new URL[] {root}, MigrationFixtures.class.getClassLoader());
    }

    /**
     * Every table, column (with type, nullability, default), index and routine of {@code schema}, as
     * sorted lines; history rows are not included (compare them with {@link #history}).
     */
    static List<String> catalog(DSLContext dsl, String schema) {
        return dsl.fetch("""
                SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname = ?
                UNION ALL
                SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
                       || COALESCE(' DEFAULT ' || column_default, '')
                FROM information_schema.columns WHERE table_schema = ?
                UNION ALL
                SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = ?
                UNION ALL
                SELECT 'routine ' || routine_name FROM information_schema.routines WHERE routine_schema = ?
                ORDER BY 1""", schema, schema, schema, schema).getValues(0, String.class);
    }

    /** The Flyway history of {@code table} in {@code schema} as {@code version:success} lines, by rank. */
    static List<String> history(DSLContext dsl, String schema, String table) {
        if (!tables(dsl, schema).contains(table)) {
            return List.of();
        }
        return dsl.select(DSL.field("version || ':' || success", String.class))
                .from(DSL.table(DSL.name(schema, table)))
                .orderBy(DSL.field(DSL.name("installed_rank")))
                .fetch(0, String.class);
    }

    /** Tables of {@code schema}, sorted. */
    static List<String> tables(DSLContext dsl, String schema) {
        return dsl.fetch("SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY 1", schema)
                .getValues(0, String.class);
    }
}
