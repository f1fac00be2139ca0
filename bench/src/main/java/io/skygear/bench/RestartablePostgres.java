package io.skygear.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An embedded PostgreSQL (zonky's binaries) on a fixed port and data directory, so that it can be
 * stopped ({@code pg_ctl stop -m fast}: sessions terminated, a checkpoint written) and started again
 * where clients expect it.
 */
final class RestartablePostgres implements AutoCloseable {

    private final EmbeddedPostgres.Builder builder;
    private final int port;
    private EmbeddedPostgres postgres;

    private RestartablePostgres(EmbeddedPostgres.Builder builder, int port) throws IOException {
        this.builder = builder;
        this.port = port;
        this.postgres = builder.start();
    }

    static RestartablePostgres start(Path dataDir, int port) throws IOException {
        return new RestartablePostgres(EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false)
                .setPort(port).setRegisterShutdownHook(true), port);
    }

    /** The original's URL form, as a tenant config's {@code database_url} carries it. */
    String databaseUrl() {
        return "postgres://postgres:postgres@127.0.0.1:" + port + "/postgres?sslmode=disable";
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** Stops the server; {@link #start()} brings it back. */
    void stop() throws IOException {
        postgres.close();
    }

    void start() throws IOException {
        postgres = builder.start();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
