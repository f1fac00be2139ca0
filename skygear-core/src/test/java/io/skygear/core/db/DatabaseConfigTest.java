package io.skygear.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.skygear.testing.TestDatabase;
import java.time.Duration;
import org.jooq.Record3;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Building a Database: URL forms, credentials, pool defaults, ownership, and messages for bad settings. */
class DatabaseConfigTest {

    private static TestDatabase pg;

    @BeforeAll
    static void createDatabase() {
        pg = TestDatabase.create();
        try (Database admin = Database.builder().dataSource(pg.dataSource()).build()) {
            admin.dsl().execute("CREATE SCHEMA app");
            admin.dsl().execute("CREATE ROLE skyuser LOGIN PASSWORD 'p@ss:w/rd+1'");
            admin.dsl().execute("GRANT ALL ON SCHEMA app TO skyuser");
        }
    }

    private static Record3<String, String, String> whoAmI(Database db) {
        return db.dsl().select(DSL.field("current_database()", String.class), DSL.field("current_user", String.class),
                DSL.field("current_schema()", String.class)).fetchOne();
    }

    @Test
    void jdbcUrlWithUsernameConnectsWithSearchPathOnTheSchema() {
        try (Database db = Database.builder().jdbcUrl(pg.jdbcUrl()).username("postgres").schema("app").build()) {
            assertThat(whoAmI(db).into(String[].class)).containsExactly(pg.name(), "postgres", "app");
        }
    }

    @Test
    void originalPostgresUrlFormCarriesCredentialsAndSslmode() {
        String url = "postgres://skyuser:p%40ss%3Aw%2Frd+1@localhost:" + pg.port() + "/" + pg.name() + "?sslmode=disable";
        try (Database db = Database.builder().jdbcUrl(url).schema("app").build()) {
            assertThat(whoAmI(db).into(String[].class)).containsExactly(pg.name(), "skyuser", "app");
            HikariDataSource pool = (HikariDataSource) db.dataSource();
            assertThat(pool.getJdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + pg.port() + "/" + pg.name() + "?sslmode=disable");
            assertThat(pool.getPassword()).isEqualTo("p@ss:w/rd+1");
        }
    }

    @Test
    void postgresqlSchemeAndEmptyPasswordWorkLikeTheOriginalDefault() {
        String url = "postgresql://postgres:@localhost:" + pg.port() + "/" + pg.name() + "?sslmode=disable";
        try (Database db = Database.builder().jdbcUrl(url).build()) {
            assertThat(whoAmI(db).into(String[].class)).containsExactly(pg.name(), "postgres", "public");
        }
    }

    @Test
    void explicitUsernameWinsOverTheUrlOne() {
        String url = "postgres://nobody@localhost:" + pg.port() + "/" + pg.name();
        try (Database db = Database.builder().jdbcUrl(url).username("skyuser").build()) {
            assertThat(whoAmI(db).value2()).isEqualTo("skyuser");
        }
    }

    @Test
    void poolDefaultsAreTheOriginals() {
        try (Database db = Database.builder().jdbcUrl(pg.jdbcUrl()).username("postgres").build()) {
            HikariDataSource pool = (HikariDataSource) db.dataSource();
            assertThat(pool.getMaximumPoolSize()).isEqualTo(30);
            assertThat(pool.getMinimumIdle()).isEqualTo(5);
            assertThat(pool.getMaxLifetime()).isEqualTo(Duration.ofMinutes(30).toMillis());
            assertThat(pool.getPoolName()).isEqualTo("skygear");
            assertThat(db.schema()).isEqualTo("public");
        }
    }

    @Test
    void poolSettingsAreApplied() {
        try (Database db = Database.builder().jdbcUrl(pg.jdbcUrl()).username("postgres").maximumPoolSize(3)
                .minimumIdle(1).maxLifetime(Duration.ofMinutes(5)).connectionTimeout(Duration.ofSeconds(2))
                .poolName("tenant-pool").build()) {
            HikariDataSource pool = (HikariDataSource) db.dataSource();
            assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
            assertThat(pool.getMinimumIdle()).isEqualTo(1);
            assertThat(pool.getMaxLifetime()).isEqualTo(300_000);
            assertThat(pool.getConnectionTimeout()).isEqualTo(2_000);
            assertThat(pool.getPoolName()).isEqualTo("tenant-pool");
        }
    }

    @Test
    void closeClosesOurPoolButNotTheHostDataSource() {
        Database own = Database.builder().jdbcUrl(pg.jdbcUrl()).username("postgres").build();
        own.close();
        assertThat(((HikariDataSource) own.dataSource()).isClosed()).isTrue();

        try (HikariDataSource host = new HikariDataSource()) {
            host.setJdbcUrl(pg.jdbcUrl());
            host.setUsername("postgres");
            Database wrapped = Database.builder().dataSource(host).schema("app").build();
            wrapped.close();
            assertThat(host.isClosed()).isFalse();
            assertThat(Database.builder().dataSource(host).build().dsl().fetchValue("SELECT 1")).isEqualTo(1);
        }
    }

    @Test
    void tablesAreQualifiedWithTheSchema() {
        Database db = Database.builder().dataSource(pg.dataSource()).schema("My App").build();
        assertThat(db.dsl().render(DSL.selectFrom(db.table("_core_user"))))
                .isEqualTo("select * from \"My App\".\"_core_user\"");
    }

    @Test
    void missingUrlIsNamed() {
        assertThatThrownBy(() -> Database.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("jdbcUrl: required (or set dataSource)");
    }

    @Test
    void unsupportedSchemeIsNamedWithoutTheCredentials() {
        assertThatThrownBy(() -> Database.builder().jdbcUrl("mysql://root:hunter2@db/app").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("jdbcUrl: must start with jdbc:postgresql://, postgres:// or postgresql://")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void urlWithoutHostOrWithBadPortIsRejected() {
        assertThatThrownBy(() -> Database.builder().jdbcUrl("postgres://user:pw@/db").build())
                .hasMessageStartingWith("jdbcUrl: has no host");
        assertThatThrownBy(() -> Database.builder().jdbcUrl("postgres://db:port/app").build())
                .hasMessage("jdbcUrl: has an invalid port: port");
    }

    @Test
    void credentialsInsideAJdbcUrlAreRejected() {
        assertThatThrownBy(() -> Database.builder().jdbcUrl("jdbc:postgresql://u:secret@db/app").build())
                .hasMessageStartingWith("jdbcUrl: a jdbc:postgresql URL cannot carry user:password@")
                .hasMessageNotContaining("secret");
    }

    @Test
    void badPoolSettingsAreNamed() {
        String url = pg.jdbcUrl();
        assertThatThrownBy(() -> Database.builder().jdbcUrl(url).maximumPoolSize(0).build())
                .hasMessage("maximumPoolSize: must be at least 1, got 0");
        assertThatThrownBy(() -> Database.builder().jdbcUrl(url).maximumPoolSize(2).minimumIdle(3).build())
                .hasMessage("minimumIdle: must be between 0 and maximumPoolSize (2), got 3");
        assertThatThrownBy(() -> Database.builder().jdbcUrl(url).maxLifetime(Duration.ofSeconds(1)).build())
                .hasMessageStartingWith("maxLifetime: must be at least 30 s");
        assertThatThrownBy(() -> Database.builder().jdbcUrl(url).connectionTimeout(Duration.ofMillis(1)).build())
                .hasMessageStartingWith("connectionTimeout: must be at least 250 ms");
    }

    @Test
    void badSchemaIsNamed() {
        assertThatThrownBy(() -> Database.builder().dataSource(pg.dataSource()).schema(" ").build())
                .hasMessage("schema: must be 1 to 63 characters, got \" \"");
        assertThatThrownBy(() -> Database.builder().dataSource(pg.dataSource()).schema("x".repeat(64)).build())
                .hasMessageStartingWith("schema: must be 1 to 63 characters");
    }

    @Test
    void dataSourceAndUrlTogetherOrPoolSettingsOnAHostDataSourceAreRejected() {
        assertThatThrownBy(() -> Database.builder().dataSource(pg.dataSource()).jdbcUrl(pg.jdbcUrl()).build())
                .hasMessage("dataSource: set either dataSource or jdbcUrl/username/password, not both");
        assertThatThrownBy(() -> Database.builder().dataSource(pg.dataSource()).maximumPoolSize(3).build())
                .hasMessageStartingWith("dataSource: pool settings");
    }
}
