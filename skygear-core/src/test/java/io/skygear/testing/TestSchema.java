package io.skygear.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One PostgreSQL schema seen through pg_catalog and information_schema, described as short strings
 * that read well in assertions (e.g. {@code "verified boolean NOT NULL DEFAULT false"}).
 */
public final class TestSchema {

    private final Connection connection;
    private final String name;

    private TestSchema(Connection connection, String name) {
        this.connection = connection;
        this.name = name;
    }

    /**
     * Creates the schema {@code name} (a plain lower-case identifier) and makes it the connection's
     * search_path, as the migration engine does before it runs a module's scripts.
     */
    public static TestSchema create(Connection connection, String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain schema name: " + name);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + name);
            statement.execute("SET search_path TO " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + name, e);
        }
        return new TestSchema(connection, name);
    }

    public String name() {
        return name;
    }

    /** Ordinary tables, sorted by name. */
    public List<String> tables() {
        return strings("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p') ORDER BY 1""");
    }

    /** Sequences as {@code "name type"}, sorted by name. */
    public List<String> sequences() {
        return strings("""
                SELECT sequence_name || ' ' || data_type FROM information_schema.sequences
                WHERE sequence_schema = ? ORDER BY sequence_name""");
    }

    /** Columns in table order as {@code "name type[ NOT NULL][ DEFAULT expression]"}. */
    public List<String> columns(String table) {
        return strings("""
                SELECT column_name || ' ' || data_type
                       || CASE WHEN is_nullable = 'NO' THEN ' NOT NULL' ELSE '' END
                       || COALESCE(' DEFAULT ' || column_default, '')
                FROM information_schema.columns
                WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position""", table);
    }

    /**
     * Primary key, unique, foreign key and check constraints as {@code "name: definition"}, sorted,
     * with this schema's own prefix removed from referenced tables.
     */
    public List<String> constraints(String table) {
        return strings("""
                SELECT k.conname || ': ' || replace(pg_get_constraintdef(k.oid), n.nspname || '.', '')
                FROM pg_constraint k
                JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relname = ? AND k.contype IN ('p', 'u', 'f', 'c')
                ORDER BY k.conname""", table);
    }

    /**
     * Indexes that do not back a constraint, as {@code "name[ UNIQUE] USING method (columns)"},
     * sorted.
     */
    public List<String> indexes(String table) {
        return strings("""
                SELECT i.relname || CASE WHEN x.indisunique THEN ' UNIQUE' ELSE '' END || ' '
                       || substring(pg_get_indexdef(i.oid) FROM 'USING .*$')
                FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relname = ?
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid)
                ORDER BY i.relname""", table);
    }

    private List<String> strings(String sql, String... moreParameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            for (int i = 0; i < moreParameters.length; i++) {
                statement.setString(i + 2, moreParameters[i]);
            }
            List<String> result = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(rows.getString(1));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the catalog of schema " + name, e);
        }
    }
}
