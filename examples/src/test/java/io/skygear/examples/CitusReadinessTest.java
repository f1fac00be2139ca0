package io.skygear.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skygear.core.db.Database;
import io.skygear.core.migrate.MigrationModule;
import io.skygear.core.migrate.Migrations;
import io.skygear.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guards the Citus path of docs/deployment.md: every tenant table (all tables of the tenant schema but
 * the migration history tables) is distributable by {@code app_id} as migrated. Citus requires the
 * distribution column in every primary key and unique constraint, and in both sides of every foreign
 * key between distributed tables; auth migration {@value #DISTRIBUTION_KEYS} puts it there, and its
 * undo script restores the keys the original had.
 */
class CitusReadinessTest {

    private static final String TENANT_SCHEMA = "app";
    private static final String CONFIG_SCHEMA = "app_config";
    private static final String ROUND_TRIP_SCHEMA = "round_trip";
    private static final String HOST_SCHEMA = "with_notes";
    private static final String DISTRIBUTION_KEYS = "1790000950";
    private static final Path DEPLOYMENT_DOC = Path.of("..", "docs", "deployment.md");

    /**
     * The keys without {@code app_id} before {@value #DISTRIBUTION_KEYS}: the original's single-column
     * {@code id} keys and the foreign keys onto them, plus the identity keys of the outboxes and the
     * audit trail.
     */
    private static final Set<String> KEYS_BEFORE_DISTRIBUTION_KEYS = Set.of(
            "key _core_user._core_user_pkey (id)",
            "key _auth_principal._auth_principal_pkey (id)",
            "key _auth_provider_password._auth_provider_password_pkey (principal_id)",
            "key _auth_provider_oauth._auth_provider_oauth_pkey (principal_id)",
            "key _auth_provider_custom_token._auth_provider_custom_token_pkey (principal_id)",
            "key _auth_user_profile._auth_user_profile_pkey (user_id)",
            "key _auth_password_history._auth_password_history_pkey (id)",
            "key _auth_verify_code._auth_verify_code_pkey (id)",
            "key _auth_authenticator._auth_authenticator_pkey (id)",
            "key _auth_authenticator_totp._auth_authenticator_totp_pkey (id)",
            "key _auth_authenticator_oob._auth_authenticator_oob_pkey (id)",
            "key _auth_authenticator_oob_code._auth_authenticator_oob_code_pkey (id)",
            "key _auth_authenticator_recovery_code._auth_authenticator_recovery_code_pkey (id)",
            "key _auth_authenticator_bearer_token._auth_authenticator_bearer_token_pkey (id)",
            "key _auth_session._auth_session_pkey (id)",
            "key _auth_hook_outbox._auth_hook_outbox_pkey (id)",
            "key _auth_audit_trail._auth_audit_trail_pkey (id)",
            "key _auth_message_outbox._auth_message_outbox_pkey (id)",
            "foreign key _auth_principal._auth_principal_user_id_fkey (user_id) -> _core_user (id)",
            "foreign key _auth_provider_password._auth_provider_password_principal_id_fkey (principal_id) -> _auth_principal (id)",
            "foreign key _auth_provider_oauth._auth_provider_oauth_principal_id_fkey (principal_id) -> _auth_principal (id)",
            "foreign key _auth_provider_custom_token._auth_provider_custom_token_principal_id_fkey (principal_id) -> _auth_principal (id)",
            "foreign key _auth_user_profile._auth_user_profile_user_id_fkey (user_id) -> _core_user (id)",
            "foreign key _auth_verify_code._auth_verify_code_user_id_fkey (user_id) -> _core_user (id)",
            "foreign key _auth_authenticator._auth_authenticator_user_id_fkey (user_id) -> _core_user (id)",
            "foreign key _auth_authenticator_totp._auth_authenticator_totp_id_fkey (id) -> _auth_authenticator (id)",
            "foreign key _auth_authenticator_oob._auth_authenticator_oob_id_fkey (id) -> _auth_authenticator (id)",
            "foreign key _auth_authenticator_oob_code._auth_authenticator_oob_code_authenticator_id_fkey (authenticator_id) -> _auth_authenticator (id)",
            "foreign key _auth_authenticator_bearer_token._auth_authenticator_bearer_token_parent_id_fkey (parent_id) -> _auth_authenticator (id)",
            "foreign key _auth_session._auth_session_user_id_fkey (user_id) -> _core_user (id)");

    /** Rows of every table the migration re-keys, as {@link #insertUserWithSessionAndMfa} writes them. */
    private static final String ROWS = """
            SELECT (SELECT count(*) FROM _core_user) || ' users, '
                || (SELECT count(*) FROM _auth_principal) || ' principals, '
                || (SELECT count(*) FROM _auth_provider_password) || ' passwords, '
                || (SELECT count(*) FROM _auth_user_profile) || ' profiles, '
                || (SELECT count(*) FROM _auth_session) || ' sessions, '
                || (SELECT count(*) FROM _auth_authenticator) || ' authenticators, '
                || (SELECT count(*) FROM _auth_authenticator_totp) || ' totp, '
                || (SELECT count(*) FROM _auth_hook_outbox) || ' hook events, '
                || (SELECT string_agg(app_id || '/' || id, ',' ORDER BY app_id) FROM _auth_session)""";

    private static final List<Database> DATABASES = new ArrayList<>();
    private static TestDatabase db;
    private static Database tenant;
    private static TenantCatalog migrated;

    @BeforeAll
    static void migrate() {
        db = TestDatabase.create();
        Migrations.configure().database(database(CONFIG_SCHEMA)).modules("gateway").load().up();
        tenant = database(TENANT_SCHEMA);
        Migrations.configure().database(tenant).modules("core", "auth", "asset").load().up();
        migrated = TenantCatalog.read(tenant.dsl(), TENANT_SCHEMA, historyTables());
        System.out.println("Tenant tables (" + migrated.tables().size() + "): " + String.join(", ", migrated.tables()));
    }

    @AfterAll
    static void close() {
        DATABASES.forEach(Database::close);
    }

    @Test
    void everyTenantTableHasNotNullTextAppId() {
        assertThat(migrated.tables()).contains("_core_user", "_auth_session", "_asset_object");
        assertThat(migrated.tablesWithoutNotNullTextAppId()).isEmpty();
    }

    @Test
    void everyKeyAndForeignKeyOfTheMigratedSchemaIncludesAppId() {
        List<String> violations = migrated.violations();
        violations.forEach(v -> System.out.println("not Citus-ready: " + v));
        assertThat(violations).as("keys without app_id: a new tenant table must key by (app_id, ...)").isEmpty();
        assertThat(migrated.foreignKeys()).hasSize(12).allSatisfy(fk -> {
            assertThat(fk.columns().getFirst()).isEqualTo("app_id");
            assertThat(fk.referencedColumns().getFirst()).isEqualTo("app_id");
        });
    }

    @Test
    void distributionKeysMigrationGoesDownToTheOriginalKeysAndUpAgainKeepingTheRows() {
        Database roundTrip = database(ROUND_TRIP_SCHEMA);
        Migrations.configure().database(roundTrip).modules("core").load().up();
        Migrations auth = Migrations.configure().database(roundTrip).modules("auth").load();
        List<String> pending = auth.status().module("auth").pending();
        assertThat(pending).contains(DISTRIBUTION_KEYS);
        auth.up(pending.indexOf(DISTRIBUTION_KEYS));
        TenantCatalog before = read(roundTrip);
        assertThat(before.violations()).containsExactlyInAnyOrderElementsOf(KEYS_BEFORE_DISTRIBUTION_KEYS);

        auth.up(1);
        TenantCatalog widened = read(roundTrip);
        assertThat(widened.violations()).isEmpty();
        insertUserWithSessionAndMfa(roundTrip, "app-a", "u-1");
        insertUserWithSessionAndMfa(roundTrip, "app-b", "u-2");
        String rows = rows(roundTrip);
        assertThat(rows).isEqualTo("2 users, 2 principals, 2 passwords, 2 profiles, 2 sessions, 2 authenticators, "
                + "2 totp, 2 hook events, app-a/s-u-1,app-b/s-u-2");

        auth.down(1);
        assertThat(read(roundTrip).definitions()).as("down restores the keys exactly")
                .containsExactlyElementsOf(before.definitions());
        assertThat(rows(roundTrip)).isEqualTo(rows);

        auth.up(1);
        assertThat(read(roundTrip).definitions()).containsExactlyElementsOf(widened.definitions());
        assertThat(rows(roundTrip)).isEqualTo(rows);
    }

    /** A host app's own tables follow the same rule; the example's notes module shows it. */
    @Test
    void theExampleAppsOwnNotesTableDistributesWithTheRest() {
        Database withNotes = database(HOST_SCHEMA);
        Migrations.configure().database(withNotes).modules("core", "auth", "asset", "notes").load().up();
        TenantCatalog catalog = read(withNotes);

        assertThat(catalog.tables()).contains("note").containsAll(migrated.tables());
        assertThat(catalog.tablesWithoutNotNullTextAppId()).isEmpty();
        assertThat(catalog.violations()).isEmpty();
    }

    @Test
    void foreignKeysKeepARowInsideItsApp() {
        tenant.dsl().execute("INSERT INTO _core_user (id, app_id) VALUES (?, ?)", "u-fk", "app-fk");
        assertThatThrownBy(() -> tenant.dsl().execute(
                "INSERT INTO _auth_principal (id, provider, user_id, app_id) VALUES (?, 'password', ?, ?)",
                "p-fk", "u-fk", "other-app"))
                .hasMessageContaining("_auth_principal_user_id_fkey");
    }

    @Test
    void deploymentDocDistributesEveryTenantTableCoreUserFirst() throws IOException {
        String doc = Files.readString(DEPLOYMENT_DOC);
        Matcher m = Pattern.compile("create_distributed_table\\('([a-z_]+)'").matcher(doc);
        List<String> distributed = new ArrayList<>();
        while (m.find()) {
            distributed.add(m.group(1));
        }
        assertThat(distributed).as("create_distributed_table calls in docs/deployment.md")
                .containsExactlyInAnyOrderElementsOf(migrated.tables());
        assertThat(distributed.getFirst()).as("the co-location anchor goes first").isEqualTo("_core_user");
        assertThat(doc).contains(DISTRIBUTION_KEYS);
    }

    @Test
    void gatewayTablesStayOutOfTheTenantSchemaAndAreNotReferencedFromIt() {
        TenantCatalog config = TenantCatalog.read(database(CONFIG_SCHEMA).dsl(), CONFIG_SCHEMA, historyTables());
        System.out.println("app_config tables (not distributed): " + String.join(", ", config.tables()));
        assertThat(config.tables()).contains("app", "domain", "plan", "config");
        assertThat(migrated.tables()).doesNotContainAnyElementsOf(config.tables());
        assertThat(migrated.foreignKeys()).allSatisfy(fk ->
                assertThat(fk.referencedSchema()).isEqualTo(TENANT_SCHEMA));
    }

    @Test
    void historyTablesAreNotTenantTables() {
        assertThat(historyTables()).contains("_core_version", "_auth_version", "_asset_version");
        assertThat(migrated.tables()).doesNotContainAnyElementsOf(historyTables());
    }

    /** A user of {@code appId} with a password login, profile, session, TOTP authenticator and hook event. */
    private static void insertUserWithSessionAndMfa(Database on, String appId, String userId) {
        DSLContext dsl = on.dsl();
        String principalId = "p-" + userId;
        String authenticatorId = "a-" + userId;
        dsl.execute("INSERT INTO _core_user (id, app_id) VALUES (?, ?)", userId, appId);
        dsl.execute("INSERT INTO _auth_principal (id, provider, user_id, app_id) VALUES (?, 'password', ?, ?)",
                principalId, userId, appId);
        dsl.execute("""
                INSERT INTO _auth_provider_password
                    (principal_id, login_id, login_id_key, login_id_normalized, password, realm, claims, app_id)
                VALUES (?, ?, 'email', ?, 'hash', 'default', '{}', ?)""",
                principalId, userId + "@example.com", userId + "@example.com", appId);
        dsl.execute("INSERT INTO _auth_user_profile (user_id, created_at, updated_at, data, app_id) "
                + "VALUES (?, now(), now(), '{}', ?)", userId, appId);
        dsl.execute("""
                INSERT INTO _auth_session (id, app_id, client_id, user_id, principal_id, principal_type,
                    principal_updated_at, initial_access, last_access, created_at, accessed_at, access_token_hash,
                    access_token_created_at, expire_at)
                VALUES (?, ?, 'web', ?, ?, 'password', now(), '{}', '{}', now(), now(), ?, now(), now())""",
                "s-" + userId, appId, userId, principalId, "hash-" + userId);
        dsl.execute("INSERT INTO _auth_authenticator (id, type, user_id, app_id) VALUES (?, 'totp', ?, ?)",
                authenticatorId, userId, appId);
        dsl.execute("INSERT INTO _auth_authenticator_totp (id, activated, created_at, secret, display_name, app_id) "
                + "VALUES (?, true, now(), 'secret', 'phone', ?)", authenticatorId, appId);
        dsl.execute("INSERT INTO _auth_hook_outbox (app_id, seq, event_type, url, body, signature, next_attempt_at, "
                + "created_at) VALUES (?, 1, 'after_user_create', 'http://hooks.example/', '{}', 'sig', now(), now())",
                appId);
    }

    private static String rows(Database on) {
        return on.dsl().fetchSingle(ROWS).get(0, String.class);
    }

    private static TenantCatalog read(Database on) {
        return TenantCatalog.read(on.dsl(), on.schema(), historyTables());
    }

    private static Database database(String schema) {
        Database database = Database.builder().jdbcUrl(db.jdbcUrl()).username("postgres").schema(schema)
                .maximumPoolSize(2).minimumIdle(0).build();
        DATABASES.add(database);
        return database;
    }

    private static Set<String> historyTables() {
        return Migrations.available(CitusReadinessTest.class.getClassLoader()).stream()
                .map(MigrationModule::historyTable).collect(Collectors.toSet());
    }
}
