package io.skygear.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.core.db.Database;
import io.skygear.testing.TestDatabase;
import io.skygear.testing.TestServer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A request whose database went away is a 503 the client may retry, not a 500: PostgreSQL cutting the
 * connection (what a restart or failover does to open connections) and a pool that cannot hand out a
 * connection in time. Both on a real PostgreSQL through the real driver and HikariCP.
 */
class DatabaseOutageResponseTest {

    private static final String UNAVAILABLE = "{\"error\":{\"name\":\"ServiceUnavailable\",\"reason\":"
            + "\"DatabaseUnavailable\",\"message\":\"database unavailable, retry later\",\"code\":503}}\n";

    private static Database database;
    private static TestServer server;

    static final class DatabaseServlet extends JsonApiServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            switch (req.getPathInfo()) {
                // the server ends this backend, as a restart does to every open connection
                case "/terminated" -> database.dsl().fetch("SELECT pg_terminate_backend(pg_backend_pid())");
                case "/pool-exhausted" -> {
                    try (Connection held = database.dataSource().getConnection()) {
                        database.dsl().fetch("SELECT 1");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
                case "/bad-sql" -> database.dsl().fetch("SELECT * FROM no_such_table");
                default -> resp.sendError(404);
            }
            ApiResponses.writeResult(resp, Map.of());
        }
    }

    @BeforeAll
    static void start() {
        TestDatabase db = TestDatabase.create();
        database = Database.builder().jdbcUrl(db.jdbcUrl()).username("postgres").schema("public")
                .maximumPoolSize(1).minimumIdle(0).connectionTimeout(Duration.ofMillis(250)).build();
        server = new TestServer().servlet(new DatabaseServlet(), "/*").start();
    }

    @AfterAll
    static void stop() {
        server.close();
        database.close();
    }

    @Test
    void connectionCutByTheServerIsA503WithRetryAfter() {
        HttpResponse<String> response = server.postJson("/terminated", "{}");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(response.body()).isEqualTo(UNAVAILABLE);
    }

    @Test
    void noConnectionWithinThePoolTimeoutIsA503WithRetryAfter() {
        HttpResponse<String> response = server.postJson("/pool-exhausted", "{}");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(response.body()).isEqualTo(UNAVAILABLE);
    }

    @Test
    void aBrokenStatementStaysA500() {
        HttpResponse<String> response = server.postJson("/bad-sql", "{}");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
        assertThat(response.body()).contains("\"reason\":\"UnexpectedError\"");
    }
}
