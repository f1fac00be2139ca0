package io.skygear.auth.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skygear.testing.SqlScripts;
import io.skygear.testing.TestDatabase;
import io.skygear.testing.TestSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** V1790000100 adds _auth_session with hashed tokens unique per app, and its undo removes only that. */
class SessionSchemaTest {

    private static Connection connection;
    private static TestSchema schema;

    @BeforeAll
    static void migrate() throws SQLException {
        connection = TestDatabase.create().dataSource().getConnection();
        schema = TestSchema.create(connection, "tenant");
        SqlScripts.run(connection, SessionFixture.CORE_UP);
        SqlScripts.run(connection, SessionFixture.AUTH_UP);
        SqlScripts.run(connection, SessionFixture.SESSIONS_UP);
        insert("INSERT INTO _core_user (id, app_id) VALUES ('u1', 'app-a'), ('u2', 'app-b')");
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    @Test
    void sessionTableHoldsEveryStoredFieldAndNoToken() {
        assertThat(schema.columns("_auth_session")).containsExactly(
                "id text NOT NULL",
                "app_id text NOT NULL",
                "client_id text NOT NULL",
                "user_id text NOT NULL",
                "principal_id text NOT NULL",
                "principal_type text NOT NULL",
                "principal_updated_at timestamp without time zone NOT NULL",
                "authenticator_id text",
                "authenticator_type text",
                "authenticator_oob_channel text",
                "authenticator_updated_at timestamp without time zone",
                "initial_access jsonb NOT NULL",
                "last_access jsonb NOT NULL",
                "created_at timestamp without time zone NOT NULL",
                "accessed_at timestamp without time zone NOT NULL",
                "access_token_hash text NOT NULL",
                "refresh_token_hash text",
                "access_token_created_at timestamp without time zone NOT NULL",
                "expire_at timestamp without time zone NOT NULL");
    }

    @Test
    void tokenHashesAreUniquePerAppAndUsersMustExist() {
        assertThat(schema.constraints("_auth_session")).containsExactly(
                "_auth_session_access_token_hash: UNIQUE (app_id, access_token_hash)",
                "_auth_session_pkey: PRIMARY KEY (id)",
                "_auth_session_refresh_token_hash: UNIQUE (app_id, refresh_token_hash)",
                "_auth_session_user_id_fkey: FOREIGN KEY (user_id) REFERENCES _core_user(id)");
        assertThat(schema.indexes("_auth_session")).contains(
                "_auth_session_app_id_user_id_idx USING btree (app_id, user_id)",
                "_auth_session_app_id_expire_at_idx USING btree (app_id, expire_at)");
    }

    @Test
    void sameAccessHashTwiceInOneAppIsRejected() throws SQLException {
        insertSession("s1", "app-a", "u1", "hash-1", "refresh-1");
        insertSession("s2", "app-b", "u2", "hash-1", "refresh-1");

        assertThatThrownBy(() -> insertSession("s3", "app-a", "u1", "hash-1", "refresh-3"))
                .hasMessageContaining("_auth_session_access_token_hash");
        assertThatThrownBy(() -> insertSession("s4", "app-a", "u1", "hash-4", "refresh-1"))
                .hasMessageContaining("_auth_session_refresh_token_hash");
        // refresh-less sessions (null hash) do not collide
        insertSession("s5", "app-a", "u1", "hash-5", null);
        insertSession("s6", "app-a", "u1", "hash-6", null);
    }

    @Test
    void undoDropsOnlyTheSessionTable() {
        TestSchema scratch = TestSchema.create(connection, "undone");
        SqlScripts.run(connection, SessionFixture.CORE_UP);
        SqlScripts.run(connection, SessionFixture.AUTH_UP);
        SqlScripts.run(connection, SessionFixture.SESSIONS_UP);
        assertThat(scratch.tables()).contains("_auth_session");

        SqlScripts.run(connection, SessionFixture.SESSIONS_DOWN);

        assertThat(scratch.tables()).doesNotContain("_auth_session").contains("_core_user", "_auth_principal");
    }

    private static void insertSession(String id, String app, String user, String hash, String refresh)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("""
                INSERT INTO tenant._auth_session (id, app_id, client_id, user_id, principal_id, principal_type,
                    principal_updated_at, initial_access, last_access, created_at, accessed_at, access_token_hash,
                    refresh_token_hash, access_token_created_at, expire_at)
                VALUES (?, ?, 'web', ?, 'p', 'password', now(), '{}', '{}', now(), now(), ?, ?, now(), now())""")) {
            s.setString(1, id);
            s.setString(2, app);
            s.setString(3, user);
            s.setString(4, hash);
            s.setString(5, refresh);
            s.executeUpdate();
        }
    }

    private static void insert(String sql) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.executeUpdate();
        }
    }
}
