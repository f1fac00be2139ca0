package io.skygear.examples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * What PostgreSQL's catalog says about one schema's tables, read for {@link CitusReadinessTest}: the
 * tables, their unique keys (primary keys, unique constraints and unique indexes) and foreign keys,
 * which of them lack {@code app_id} (the Citus distribution column), and the definition of every
 * constraint and index (to compare two schemas exactly).
 */
record TenantCatalog(List<String> tables, List<String> tablesWithoutNotNullTextAppId, List<Key> keys,
                     List<ForeignKey> foreignKeys, List<String> definitions) {

    private static final String APP_ID = "app_id";

    /** A primary key, unique constraint or unique index. */
    record Key(String table, String name, List<String> columns) {
        boolean citusReady() {
            return columns.contains(APP_ID);
        }

        @Override
        public String toString() {
            return "key " + table + "." + name + " (" + String.join(", ", columns) + ")";
        }
    }

    /** A foreign key; Citus needs app_id on both sides, matched to each other. */
    record ForeignKey(String table, String name, List<String> columns, String referencedSchema,
                      String referencedTable, List<String> referencedColumns) {
        boolean citusReady() {
            int i = columns.indexOf(APP_ID);
            return i >= 0 && APP_ID.equals(referencedColumns.get(i));
        }

        @Override
        public String toString() {
            return "foreign key " + table + "." + name + " (" + String.join(", ", columns) + ") -> "
                    + referencedTable + " (" + String.join(", ", referencedColumns) + ")";
        }
    }

    /** Reads the base tables of {@code schema}, leaving out {@code excluded} (migration history tables). */
    static TenantCatalog read(DSLContext dsl, String schema, Set<String> excluded) {
        List<String> tables = dsl.fetch("""
                        SELECT table_name FROM information_schema.tables
                        WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name""", schema)
                .getValues(0, String.class).stream().filter(t -> !excluded.contains(t)).toList();
        List<String> withAppId = dsl.fetch("""
                        SELECT table_name FROM information_schema.columns
                        WHERE table_schema = ? AND column_name = ? AND is_nullable = 'NO' AND data_type = 'text'""", schema, APP_ID)
                .getValues(0, String.class);
        List<String> withoutAppId = tables.stream().filter(t -> !withAppId.contains(t)).toList();

        List<Key> keys = dsl.fetch("""
                        SELECT t.relname, i.relname,
                               array(SELECT coalesce(a.attname::text, '(expression)')
                                     FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                                     LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                                     ORDER BY k.ord)
                        FROM pg_index x
                        JOIN pg_class t ON t.oid = x.indrelid
                        JOIN pg_class i ON i.oid = x.indexrelid
                        JOIN pg_namespace n ON n.oid = t.relnamespace
                        WHERE n.nspname = ? AND x.indisunique
                        ORDER BY t.relname, i.relname""", schema)
                .stream()
                .filter(r -> tables.contains(r.get(0, String.class)))
                .map(r -> new Key(r.get(0, String.class), r.get(1, String.class),
                        Arrays.asList(r.get(2, String[].class))))
                .toList();

        List<ForeignKey> foreignKeys = dsl.fetch("""
                        SELECT t.relname, c.conname,
                               array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
                                     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
                                     ORDER BY k.ord),
                               rn.nspname, rt.relname,
                               array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)
                                     JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum
                                     ORDER BY k.ord)
                        FROM pg_constraint c
                        JOIN pg_class t ON t.oid = c.conrelid
                        JOIN pg_namespace n ON n.oid = t.relnamespace
                        JOIN pg_class rt ON rt.oid = c.confrelid
                        JOIN pg_namespace rn ON rn.oid = rt.relnamespace
                        WHERE n.nspname = ? AND c.contype = 'f'
                        ORDER BY t.relname, c.conname""", schema)
                .stream()
                .map(r -> new ForeignKey(r.get(0, String.class), r.get(1, String.class),
                        Arrays.asList(r.get(2, String[].class)), r.get(3, String.class), r.get(4, String.class),
                        Arrays.asList(r.get(5, String[].class))))
                .toList();

        List<String> definitions = dsl.fetch("""
                        SELECT t.relname, c.conname || ': ' || pg_get_constraintdef(c.oid)
                        FROM pg_constraint c
                        JOIN pg_class t ON t.oid = c.conrelid
                        JOIN pg_namespace n ON n.oid = t.relnamespace
                        WHERE n.nspname = ?
                        UNION ALL
                        SELECT tablename, replace(indexdef, ?, '') FROM pg_indexes WHERE schemaname = ?
                        ORDER BY 1, 2""", schema, schema + ".", schema)
                .stream()
                .filter(r -> tables.contains(r.get(0, String.class)))
                .map(r -> r.get(0, String.class) + " " + r.get(1, String.class))
                .toList();
        return new TenantCatalog(tables, withoutAppId, keys, foreignKeys, definitions);
    }

    /** Every key and foreign key that Citus would refuse, as "key t.name (cols)" / "foreign key …". */
    List<String> violations() {
        List<String> out = new ArrayList<>();
        keys.stream().filter(k -> !k.citusReady()).map(Key::toString).forEach(out::add);
        foreignKeys.stream().filter(f -> !f.citusReady()).map(ForeignKey::toString).forEach(out::add);
        return out;
    }
}
