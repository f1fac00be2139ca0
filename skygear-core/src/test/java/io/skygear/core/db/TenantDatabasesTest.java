package io.skygear.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.core.config.TenantConfig;
import io.skygear.core.tenant.TenantContext;
import io.skygear.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantDatabasesTest {

    static TenantContext tenant(String appId, String url, String schema) {
        return TenantContext.of(TenantConfig.parseYaml("""
                version: "1"
                app_id: %s
                app_name: %s
                app_config:
                  database_url: "%s"
                  database_schema: %s
                user_config:
                  master_key: master
                  auth:
                    authentication_session:
                      secret: authn
                  hook:
                    secret: hook
                  asset:
                    secret: asset
                """.formatted(appId, appId, url, schema)));
    }

    @Test
    void tenantsOnOneUrlShareOnePoolButKeepTheirSchemas() {
        TestDatabase pg = TestDatabase.create();
        List<String> poolsOpened = new ArrayList<>();
        try (TenantDatabases databases = new TenantDatabases(url -> {
            poolsOpened.add(url);
            return Database.builder().jdbcUrl(url).maximumPoolSize(2).minimumIdle(0).build();
        })) {
            Database a = databases.forTenant(tenant("app-a", pg.jdbcUrl(), "schema_a"));
            Database b = databases.forTenant(tenant("app-b", pg.jdbcUrl(), "schema_b"));
            Database a2 = databases.forTenant(tenant("app-a2", pg.jdbcUrl(), "schema_a"));

            assertThat(poolsOpened).containsExactly(pg.jdbcUrl());
            assertThat(a.dataSource()).isSameAs(b.dataSource());
            assertThat(a.schema()).isEqualTo("schema_a");
            assertThat(b.schema()).isEqualTo("schema_b");
            assertThat(a2).as("same (url, schema) → same Database").isSameAs(a);
            assertThat(a.dsl().fetchValue("select 1")).isEqualTo(1);
        }
    }

    @Test
    void distinctUrlsGetDistinctPoolsAllClosedTogether() {
        TestDatabase one = TestDatabase.create();
        TestDatabase two = TestDatabase.create();
        List<Database> pools = new ArrayList<>();
        TenantDatabases databases = new TenantDatabases(url -> {
            Database pool = Database.builder().jdbcUrl(url).maximumPoolSize(2).minimumIdle(0).build();
            pools.add(pool);
            return pool;
        });
        Database a = databases.forTenant(tenant("app-a", one.jdbcUrl(), "app"));
        Database b = databases.forTenant(tenant("app-b", two.jdbcUrl(), "app"));
        assertThat(a.dataSource()).isNotSameAs(b.dataSource());

        databases.close();

        assertThat(pools).hasSize(2).allSatisfy(pool ->
                assertThat(((com.zaxxer.hikari.HikariDataSource) pool.dataSource()).isClosed()).isTrue());
    }

    @Test
    void fixedResolverIgnoresTheTenantsUrl() {
        TestDatabase pg = TestDatabase.create();
        try (Database db = Database.builder().jdbcUrl(pg.jdbcUrl()).maximumPoolSize(1).minimumIdle(0).build()) {
            DatabaseResolver resolver = DatabaseResolver.fixed(db);
            assertThat(resolver.forTenant(tenant("any", "postgres://elsewhere/db", "other"))).isSameAs(db);
        }
    }
}
