package io.skygear.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.core.db.Database;
import io.skygear.core.migrate.Migrations;
import io.skygear.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SQL that docs/operations.md gives operators runs as printed against a migrated schema. */
class OperationsQueriesTest {

    private static final Path OPERATIONS_DOC = Path.of("..", "docs", "operations.md");
    private static final Pattern SQL_BLOCK = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL);

    private static Database db;

    @BeforeAll
    static void migrate() {
        db = Database.builder().jdbcUrl(TestDatabase.create().jdbcUrl()).username("postgres").schema("app")
                .maximumPoolSize(2).minimumIdle(0).build();
        Migrations.configure().database(db).modules("core", "auth", "asset").load().up();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void everyDocumentedStatementRunsOnTheMigratedSchema() throws IOException {
        List<String> statements = statements(Files.readString(OPERATIONS_DOC));
        assertThat(statements).hasSizeGreaterThanOrEqualTo(5);
        db.dsl().execute("""
                INSERT INTO _auth_hook_outbox (app_id, seq, event_type, url, body, signature, status, attempts,
                                               next_attempt_at, last_error, created_at)
                VALUES ('app-a', 1, 'after_user_create', 'http://hooks.invalid/', '{}', 'sig', 'dead', 5,
                        timezone('UTC', now()), 'connection refused', timezone('UTC', now()))""");
        long deadId = db.dsl().fetch("SELECT id FROM _auth_hook_outbox WHERE status = 'dead'").getFirst().get(0, Long.class);

        for (String statement : statements) {
            db.dsl().execute(statement.replace("WHERE id = 123", "WHERE id = " + deadId));
        }
        assertThat(db.dsl().fetch("SELECT status FROM _auth_hook_outbox WHERE id = ?", deadId).getFirst().get(0, String.class))
                .as("the documented re-queue puts a dead row back")
                .isEqualTo("pending");
    }

    private static List<String> statements(String doc) {
        List<String> out = new ArrayList<>();
        Matcher m = SQL_BLOCK.matcher(doc);
        while (m.find()) {
            String withoutComments = m.group(1).lines().filter(l -> !l.strip().startsWith("--"))
                    .reduce("", (a, b) -> a + b + "\n");
            Arrays.stream(withoutComments.split(";")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
        }
        return out;
    }
}
