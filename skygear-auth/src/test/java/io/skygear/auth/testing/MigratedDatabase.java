package io.skygear.auth.testing;

import io.skygear.core.db.Database;
import io.skygear.testing.SqlScripts;
import io.skygear.testing.TestDatabase;
import io.skygear.testing.TestSchema;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A fresh PostgreSQL database with schema {@value #SCHEMA} holding the core and auth base schema plus
 * the auth migrations a test names, and pooled {@link Database} objects on it (one per simulated node).
 */
public final class MigratedDatabase {

    public static final String SCHEMA = "app";

    private static final String CORE = "io/skygear/migrations/core/up/V1566290052__core_initial_schema.sql";
    private static final String AUTH = "io/skygear/migrations/auth/";

    private final TestDatabase database;

    private MigratedDatabase(TestDatabase database) {
        this.database = database;
    }

    /**
     * @param authMigrations names of auth scripts after the initial one, e.g. {@code "1790000200__hook_outbox"}
     */
    public static MigratedDatabase create(String... authMigrations) {
        TestDatabase database = TestDatabase.create();
        try (Connection c = database.dataSource().getConnection()) {
            TestSchema.create(c, SCHEMA);
            SqlScripts.run(c, CORE);
            SqlScripts.run(c, AUTH + "up/V1567574912__auth_initial_schema.sql");
            for (String migration : authMigrations) {
                SqlScripts.run(c, AUTH + "up/V" + migration + ".sql");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new MigratedDatabase(database);
    }

    /** A new pool on the database (schema {@value #SCHEMA}); close it after the test class. */
    public Database open() {
        return Database.builder()
                .jdbcUrl(database.jdbcUrl())
                .schema(SCHEMA)
                .maximumPoolSize(24)
                .minimumIdle(0)
                .build();
    }

    /** A plain connection with {@code search_path} = {@value #SCHEMA}, for schema assertions. */
    public Connection connection() throws SQLException {
        Connection c = database.dataSource().getConnection();
        try (var s = c.createStatement()) {
            s.execute("SET search_path TO " + SCHEMA);
        }
        return c;
    }
}
