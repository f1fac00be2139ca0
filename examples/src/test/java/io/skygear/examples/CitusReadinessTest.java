package io.skygear.examples;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guards the Citus path of docs/deployment.md: every tenant table (all tables of the tenant schema but
 * the migration history tables) must be distributable by {@code app_id}. Citus requires the
 * distribution column in every primary key and unique constraint, and in both sides of every foreign
 * key between distributed tables. The tables inherited from the original keep single-column keys; they
 * are listed in {@link #KNOWN_EXCEPTIONS} (and in the docs), and the test proves that the widening
 * script of the docs, generated here from the catalog, clears every one of them.
 */
class CitusReadinessTest {

    private static final String TENANT_SCHEMA = "app";
    private static final String CONFIG_SCHEMA = "app_config";
    private static final String WIDENED_SCHEMA = "widened";
    private static final Path DEPLOYMENT_DOC = Path.of("..", "docs", "deployment.md");

    /**
     * Keys without {@code app_id}, as the migrations create them today: the original's single-column
     * {@code id} keys and the foreign keys onto them, plus the bigint identity keys of the outboxes and
     * the audit trail. docs/deployment.md ("Beyond one database: Citus") lists the same and gives the
     * widening migration; changing a migration means changing this list and the docs together.
     */
    private static final Set<String> KNOWN_EXCEPTIONS = Set.of(
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

    private static final List<Database> DATABASES = new ArrayList<>();
    private static TestDatabase db;
    private static TenantCatalog migrated;

    @BeforeAll
    static void migrate() {
        db = TestDatabase.create();
        Migrations.configure().database(database(CONFIG_SCHEMA)).modules("gateway").load().up();
        Database tenant = database(TENANT_SCHEMA);
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
    void keysWithoutAppIdAreExactlyTheKnownExceptions() {
        List<String> violations = migrated.violations();
        violations.forEach(v -> System.out.println("not Citus-ready: " + v));
        assertThat(violations)
                .as("keys without app_id: a new table must key by app_id; a fixed one leaves KNOWN_EXCEPTIONS "
                        + "and docs/deployment.md")
                .containsExactlyInAnyOrderElementsOf(KNOWN_EXCEPTIONS);
    }

    @Test
    void wideningScriptMakesEveryTenantTableDistributable() {
        Database widened = database(WIDENED_SCHEMA);
        Migrations.configure().database(widened).modules("core", "auth", "asset").load().up();
        migrated.wideningScript().forEach(statement -> widened.dsl().execute(statement));

        TenantCatalog after = TenantCatalog.read(widened.dsl(), WIDENED_SCHEMA, historyTables());
        assertThat(after.violations()).isEmpty();
        assertThat(after.tables()).isEqualTo(migrated.tables());
        assertThat(after.foreignKeys()).hasSameSizeAs(migrated.foreignKeys());
    }

    @Test
    void deploymentDocCarriesTheWideningScriptAndDistributesEveryTenantTable() throws IOException {
        String doc = Files.readString(DEPLOYMENT_DOC);
        List<String> script = migrated.wideningScript();
        System.out.println("Widening script:\n" + String.join("\n", script));
        assertThat(doc).as("docs/deployment.md widening script").contains(script);

        Matcher m = Pattern.compile("create_distributed_table\\('([a-z_]+)'").matcher(doc);
        List<String> distributed = new ArrayList<>();
        while (m.find()) {
            distributed.add(m.group(1));
        }
        assertThat(distributed).as("create_distributed_table calls in docs/deployment.md")
                .containsExactlyInAnyOrderElementsOf(migrated.tables());
        assertThat(distributed.getFirst()).as("the co-location anchor goes first").isEqualTo("_core_user");
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
