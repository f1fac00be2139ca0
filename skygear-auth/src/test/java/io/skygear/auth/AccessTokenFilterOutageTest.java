package io.skygear.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.core.db.Database;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.http.AccessKeyFilter;
import io.skygear.core.migrate.Migrations;
import io.skygear.core.tenant.TenantContext;
import io.skygear.core.tenant.TenantFilter;
import io.skygear.testing.TestDatabase;
import io.skygear.testing.TestServer;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * When the session store cannot be read, the filter answers 503 {@code DatabaseUnavailable} in the
 * error envelope (the client may retry) instead of letting the container write a bare 500 page. The
 * outage is real: the test holds every free connection of the gear's pool, so the lookup times out in
 * HikariCP.
 */
class AccessTokenFilterOutageTest {

    private static Database database;
    private static AuthGear gear;
    private static TestServer server;

    @BeforeAll
    static void start() {
        database = Database.builder().jdbcUrl(TestDatabase.create().jdbcUrl()).username("postgres").schema("app")
                .maximumPoolSize(6).minimumIdle(0).connectionTimeout(Duration.ofMillis(250)).build();
        Migrations.configure().database(database).modules("core", "auth").load().up();
        gear = AuthGear.builder().databases(DatabaseResolver.fixed(database)).build();
        TenantContext tenant = TenantContext.of(AuthFixture.config(AuthFixture.APP_A, false, ""));
        server = new TestServer()
                .filter(new TenantFilter(r -> Optional.of(tenant)), "/*")
                .filter(new AccessKeyFilter(), "/*")
                .filter(gear.accessTokenFilter(), "/*")
                .servlet(new AuthFixture.WhoAmI(), "/api/whoami")
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
        gear.close();
        database.close();
    }

    /** Every connection the pool would still hand out, held until closed. */
    private record HeldPool(List<Connection> connections) implements AutoCloseable {

        static HeldPool drain(Database database) {
            List<Connection> held = new ArrayList<>();
            while (true) {
                try {
                    held.add(database.dataSource().getConnection());
                } catch (SQLTransientConnectionException exhausted) {
                    return new HeldPool(held);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        @Override
        public void close() throws SQLException {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    @Test
    void tokenCheckWithTheDatabaseUnreachableIsA503Envelope() throws Exception {
        String token = UUID.randomUUID() + "." + "s".repeat(32); // well-formed, so it is looked up
        HttpResponse<String> response;
        try (HeldPool held = HeldPool.drain(database)) {
            response = server.get("/api/whoami", AuthFixture.headers(AuthFixture.key(), AuthFixture.bearer(token)));
        }

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(response.body()).contains("\"name\":\"ServiceUnavailable\"", "\"reason\":\"DatabaseUnavailable\"");
    }

    @Test
    void requestsWithoutATokenStillPassWhileTheDatabaseIsUnreachable() throws Exception {
        HttpResponse<String> response;
        try (HeldPool held = HeldPool.drain(database)) {
            response = server.get("/api/whoami", AuthFixture.key());
        }

        assertThat(response.statusCode()).isEqualTo(200);
    }
}
