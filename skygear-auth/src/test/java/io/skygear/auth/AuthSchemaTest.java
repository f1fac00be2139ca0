package io.skygear.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skygear.testing.SqlScripts;
import io.skygear.testing.TestDatabase;
import io.skygear.testing.TestSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The auth module's migration scripts reproduce the original's final auth schema, and undo it. */
class AuthSchemaTest {

    static final String CORE_UP = "io/skygear/migrations/core/up/V1566290052__core_initial_schema.sql";
    static final String CORE_DOWN = "io/skygear/migrations/core/down/U1566290052__core_initial_schema.sql";
    static final String DESCRIPTOR = "META-INF/skygear/migrations/auth.properties";
    static final String LOCATION = "io/skygear/migrations/auth";
    static final String UP = LOCATION + "/up/V1567574912__auth_initial_schema.sql";
    static final String DOWN = LOCATION + "/down/U1567574912__auth_initial_schema.sql";

    static final List<String> AUTH_TABLES = List.of(
            "_auth_authenticator",
            "_auth_authenticator_bearer_token",
            "_auth_authenticator_oob",
            "_auth_authenticator_oob_code",
            "_auth_authenticator_recovery_code",
            "_auth_authenticator_totp",
            "_auth_password_history",
            "_auth_principal",
            "_auth_provider_custom_token",
            "_auth_provider_oauth",
            "_auth_provider_password",
            "_auth_user_profile",
            "_auth_verify_code");

    private static Connection connection;
    private static TestSchema tenant;

    @BeforeAll
    static void applyCoreThenAuth() throws SQLException {
        connection = TestDatabase.create().dataSource().getConnection();
        tenant = TestSchema.create(connection, "tenant");
        SqlScripts.run(connection, CORE_UP);
        SqlScripts.run(connection, UP);
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    @Test
    void descriptorRunsAuthAfterCoreInTheTenantSchema() {
        Properties descriptor = SqlScripts.readProperties(DESCRIPTOR);

        assertThat(descriptor).containsExactlyInAnyOrderEntriesOf(Map.of(
                "module", "auth",
                "order", "20",
                "history_table", "_auth_version",
                "default_schema", "",
                "location", LOCATION));
    }

    @Test
    void createsTheAuthTablesAndTheGlobalEventSequence() {
        assertThat(tenant.tables()).containsExactlyInAnyOrderElementsOf(
                Stream.concat(Stream.of("_core_user"), AUTH_TABLES.stream()).toList());
        assertThat(tenant.sequences()).containsExactly("_auth_event_sequence bigint");
    }

    @Test
    void everyTableCarriesAnIndexedAppId() {
        for (String table : AUTH_TABLES) {
            assertThat(tenant.columns(table)).as(table).contains("app_id text NOT NULL");
            assertThat(tenant.indexes(table)).as(table)
                    .containsExactly(table + "_app_id_idx USING btree (app_id)");
        }
    }

    @Test
    void principalLinksAUserToOneLoginMethod() {
        assertThat(tenant.columns("_auth_principal")).containsExactly(
                "id text NOT NULL",
                "provider text NOT NULL",
                "user_id text",
                "app_id text NOT NULL");
        assertThat(tenant.constraints("_auth_principal")).containsExactly(
                "_auth_principal_pkey: PRIMARY KEY (id)",
                "_auth_principal_user_id_fkey: FOREIGN KEY (user_id) REFERENCES _core_user(id)");
    }

    @Test
    void passwordProviderIsUniqueByAppLoginIdAndRealm() {
        assertThat(tenant.columns("_auth_provider_password")).containsExactly(
                "principal_id text NOT NULL",
                "login_id text",
                "login_id_key text",
                "password text NOT NULL",
                "realm text NOT NULL",
                "claims jsonb NOT NULL",
                "app_id text NOT NULL");
        assertThat(tenant.constraints("_auth_provider_password")).containsExactly(
                "_auth_provider_password_login_id_realm: UNIQUE (app_id, login_id, realm)",
                "_auth_provider_password_pkey: PRIMARY KEY (principal_id)",
                "_auth_provider_password_principal_id_fkey: FOREIGN KEY (principal_id) REFERENCES _auth_principal(id)");
    }

    @Test
    void sameLoginIdIsAllowedOncePerAppAndRealm() throws SQLException {
        insertPasswordLogin("app-a", "u-a", "alice");
        insertPasswordLogin("app-b", "u-b", "alice");

        assertThatThrownBy(() -> insertPasswordLogin("app-a", "u-a2", "alice"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("_auth_provider_password_login_id_realm");
    }

    @Test
    void oauthProviderIsUniqueByAppProviderAndProviderUser() {
        assertThat(tenant.columns("_auth_provider_oauth")).containsExactly(
                "principal_id text NOT NULL",
                "provider_type text NOT NULL",
                "provider_keys jsonb NOT NULL DEFAULT '{}'::jsonb",
                "provider_user_id text NOT NULL",
                "token_response jsonb",
                "profile jsonb",
                "claims jsonb NOT NULL",
                "_created_at timestamp without time zone NOT NULL",
                "_updated_at timestamp without time zone NOT NULL",
                "app_id text NOT NULL");
        assertThat(tenant.constraints("_auth_provider_oauth")).containsExactly(
                "_auth_provider_oauth_pkey: PRIMARY KEY (principal_id)",
                "_auth_provider_oauth_principal_id_fkey: FOREIGN KEY (principal_id) REFERENCES _auth_principal(id)",
                "_auth_provider_oauth_provider_user_id: UNIQUE (app_id, provider_type, provider_keys, provider_user_id)");
    }

    @Test
    void customTokenProviderIsUniqueByAppAndTokenPrincipal() {
        assertThat(tenant.columns("_auth_provider_custom_token")).containsExactly(
                "principal_id text NOT NULL",
                "token_principal_id text NOT NULL",
                "raw_profile jsonb NOT NULL",
                "claims jsonb NOT NULL",
                "app_id text NOT NULL");
        // the original's UNIQUE (principal_id) is folded into the primary key by PostgreSQL
        assertThat(tenant.constraints("_auth_provider_custom_token")).containsExactly(
                "_auth_provider_custom_token_pkey: PRIMARY KEY (principal_id)",
                "_auth_provider_custom_token_principal_id_fkey: FOREIGN KEY (principal_id) REFERENCES _auth_principal(id)",
                "_auth_provider_custom_token_token_principal_id_key: UNIQUE (app_id, token_principal_id)");
    }

    @Test
    void userProfileHoldsMetadataPerUser() {
        assertThat(tenant.columns("_auth_user_profile")).containsExactly(
                "user_id text NOT NULL",
                "created_at timestamp without time zone NOT NULL",
                "created_by text",
                "updated_at timestamp without time zone NOT NULL",
                "updated_by text",
                "data jsonb",
                "app_id text NOT NULL");
        assertThat(tenant.constraints("_auth_user_profile")).containsExactly(
                "_auth_user_profile_pkey: PRIMARY KEY (user_id)",
                "_auth_user_profile_user_id_fkey: FOREIGN KEY (user_id) REFERENCES _core_user(id)");
    }

    @Test
    void passwordHistoryKeepsHashesWithoutUserForeignKey() {
        assertThat(tenant.columns("_auth_password_history")).containsExactly(
                "id text NOT NULL",
                "user_id text NOT NULL",
                "password text NOT NULL",
                "logged_at timestamp without time zone NOT NULL",
                "app_id text NOT NULL");
        assertThat(tenant.constraints("_auth_password_history")).containsExactly(
                "_auth_password_history_pkey: PRIMARY KEY (id)");
    }

    @Test
    void verifyCodeBelongsToAUserAndStartsUnconsumed() {
        assertThat(tenant.columns("_auth_verify_code")).containsExactly(
                "id text NOT NULL",
                "user_id text NOT NULL",
                "login_id_key text NOT NULL",
                "login_id text NOT NULL",
                "code text NOT NULL",
                "consumed boolean NOT NULL DEFAULT false",
                "created_at timestamp without time zone NOT NULL",
                "app_id text NOT NULL");
        assertThat(tenant.constraints("_auth_verify_code")).containsExactly(
                "_auth_verify_code_pkey: PRIMARY KEY (id)",
                "_auth_verify_code_user_id_fkey: FOREIGN KEY (user_id) REFERENCES _core_user(id)");
    }

    @Test
    void authenticatorIsTheParentOfTotpAndOob() {
        assertThat(tenant.columns("_auth_authenticator")).containsExactly(
                "id text NOT NULL",
                "type text NOT NULL",
                "user_id text NOT NULL",
                "app_id text NOT NULL");
        assertThat(tenant.constraints("_auth_authenticator")).containsExactly(
                "_auth_authenticator_pkey: PRIMARY KEY (id)",
                "_auth_authenticator_user_id_fkey: FOREIGN KEY (user_id) REFERENCES _core_user(id)");

        assertThat(tenant.columns("_auth_authenticator_totp")).containsExactly(
                "id text NOT NULL",
                "activated boolean NOT NULL",
                "created_at timestamp without time zone NOT NULL",
                "activated_at timestamp without time zone",
                "secret text NOT NULL",
                "display_name text NOT NULL",
                "app_id text NOT NULL");
        assertThat(tenant.constraints("_auth_authenticator_totp")).containsExactly(
                "_auth_authenticator_totp_id_fkey: FOREIGN KEY (id) REFERENCES _auth_authenticator(id)",
                "_auth_authenticator_totp_pkey: PRIMARY KEY (id)");

        assertThat(tenant.columns("_auth_authenticator_oob")).containsExactly(
                "id text NOT NULL",
                "activated boolean NOT NULL",
                "created_at timestamp without time zone NOT NULL",
                "activated_at timestamp without time zone",
                "channel text NOT NULL",
                "phone text NOT NULL",
                "email text NOT NULL",
                "app_id text NOT NULL");
        assertThat(tenant.constraints("_auth_authenticator_oob")).containsExactly(
                "_auth_authenticator_oob_id_fkey: FOREIGN KEY (id) REFERENCES _auth_authenticator(id)",
                "_auth_authenticator_oob_pkey: PRIMARY KEY (id)");
    }

    @Test
    void mfaCodesAndTokensExpireOrGetConsumed() {
        assertThat(tenant.columns("_auth_authenticator_oob_code")).containsExactly(
                "id text NOT NULL",
                "authenticator_id text NOT NULL",
                "code text NOT NULL",
                "created_at timestamp without time zone NOT NULL",
                "expire_at timestamp without time zone NOT NULL",
                "app_id text NOT NULL");
        assertThat(tenant.constraints("_auth_authenticator_oob_code")).containsExactly(
                "_auth_authenticator_oob_code_authenticator_id_fkey: FOREIGN KEY (authenticator_id) REFERENCES _auth_authenticator(id)",
                "_auth_authenticator_oob_code_pkey: PRIMARY KEY (id)");

        assertThat(tenant.columns("_auth_authenticator_recovery_code")).containsExactly(
                "id text NOT NULL",
                "code text NOT NULL",
                "created_at timestamp without time zone NOT NULL",
                "consumed boolean NOT NULL",
                "app_id text NOT NULL");
        assertThat(tenant.constraints("_auth_authenticator_recovery_code")).containsExactly(
                "_auth_authenticator_recovery_code_pkey: PRIMARY KEY (id)");

        assertThat(tenant.columns("_auth_authenticator_bearer_token")).containsExactly(
                "id text NOT NULL",
                "parent_id text NOT NULL",
                "token text NOT NULL",
                "created_at timestamp without time zone NOT NULL",
                "expire_at timestamp without time zone NOT NULL",
                "app_id text NOT NULL");
        assertThat(tenant.constraints("_auth_authenticator_bearer_token")).containsExactly(
                "_auth_authenticator_bearer_token_parent_id_fkey: FOREIGN KEY (parent_id) REFERENCES _auth_authenticator(id)",
                "_auth_authenticator_bearer_token_pkey: PRIMARY KEY (id)");
    }

    @Test
    void upScriptIsTransactional() throws SQLException {
        TestSchema scratch = TestSchema.create(connection, "rolled_back");
        SqlScripts.run(connection, CORE_UP);
        connection.setAutoCommit(false);
        try {
            SqlScripts.run(connection, UP);
            connection.rollback();
        } finally {
            connection.setAutoCommit(true);
        }

        assertThat(scratch.tables()).containsExactly("_core_user");
        assertThat(scratch.sequences()).isEmpty();
    }

    @Test
    void undoDropsAuthButKeepsCoreAndHostTables() throws SQLException {
        TestSchema scratch = TestSchema.create(connection, "undone");
        execute("CREATE TABLE host_notes (id text PRIMARY KEY)");
        SqlScripts.run(connection, CORE_UP);
        SqlScripts.run(connection, UP);

        SqlScripts.run(connection, DOWN);
        assertThat(scratch.tables()).containsExactly("_core_user", "host_notes");
        assertThat(scratch.sequences()).isEmpty();

        SqlScripts.run(connection, CORE_DOWN);
        assertThat(scratch.tables()).containsExactly("host_notes");
    }

    private static void insertPasswordLogin(String appId, String userId, String loginId) throws SQLException {
        String principalId = "p-" + userId;
        update("INSERT INTO tenant._core_user (id, app_id) VALUES (?, ?)", userId, appId);
        update("INSERT INTO tenant._auth_principal (id, provider, user_id, app_id) VALUES (?, 'password', ?, ?)",
                principalId, userId, appId);
        update("""
                INSERT INTO tenant._auth_provider_password
                    (principal_id, login_id, login_id_key, password, realm, claims, app_id)
                VALUES (?, ?, 'username', 'hash', 'default', '{}', ?)""", principalId, loginId, appId);
    }

    private static void update(String sql, String... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
