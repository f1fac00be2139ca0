package io.skygear.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skygear.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A Database built with a meter registry publishes HikariCP's pool meters under its pool name. */
class DatabaseMetricsTest {

    private static TestDatabase pg;

    @BeforeAll
    static void createDatabase() {
        pg = TestDatabase.create();
    }

    @Test
    void poolMetersAppearTaggedWithThePoolName() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Database db = Database.builder().jdbcUrl(pg.jdbcUrl()).username("postgres").poolName("tenants")
                .meterRegistry(registry).build()) {
            db.dsl().selectOne().fetch();

            assertThat(registry.get("hikaricp.connections.max").tag("pool", "tenants").gauge().value()).isEqualTo(30);
            assertThat(registry.get("hikaricp.connections.acquire").tag("pool", "tenants").timer().count())
                    .isGreaterThanOrEqualTo(1);
            assertThat(registry.getMeters()).extracting(m -> m.getId().getName())
                    .contains("hikaricp.connections.active", "hikaricp.connections.idle", "hikaricp.connections.pending",
                            "hikaricp.connections.timeout");
        }
    }

    @Test
    void twoDatabasesOnOneRegistryKeepTheirOwnPoolMeters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Database a = Database.builder().jdbcUrl(pg.jdbcUrl()).username("postgres").poolName("config")
                .maximumPoolSize(3).minimumIdle(1).meterRegistry(registry).build();
             Database b = Database.builder().jdbcUrl(pg.jdbcUrl()).username("postgres").poolName("tenants")
                     .maximumPoolSize(7).minimumIdle(1).meterRegistry(registry).build()) {
            assertThat(registry.get("hikaricp.connections.max").tag("pool", "config").gauge().value()).isEqualTo(3);
            assertThat(registry.get("hikaricp.connections.max").tag("pool", "tenants").gauge().value()).isEqualTo(7);
        }
    }

    @Test
    void registryWithAHostDataSourceIsRejected() {
        assertThatThrownBy(() -> Database.builder().dataSource(pg.dataSource()).meterRegistry(new SimpleMeterRegistry()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("meterRegistry");
    }
}
