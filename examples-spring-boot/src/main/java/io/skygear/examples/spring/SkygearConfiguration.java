package io.skygear.examples.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.skygear.assets.AssetGear;
import io.skygear.assets.storage.FileSystemStorage;
import io.skygear.auth.AuthContext;
import io.skygear.auth.AuthGear;
import io.skygear.core.config.TenantConfig;
import io.skygear.core.db.Database;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.http.AccessKeyFilter;
import io.skygear.core.http.CorsFilter;
import io.skygear.core.http.RequestIdFilter;
import io.skygear.core.migrate.MigrationResult;
import io.skygear.core.migrate.Migrations;
import io.skygear.core.tenant.StandaloneTenantResolver;
import io.skygear.core.tenant.TenantFilter;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.io.ClassPathResource;

/**
 * Skygear as Spring beans, in the order a request meets them: the tenant config and its database
 * (migrated before any gear starts, so before the web server takes traffic), the gears, the five
 * filters and the two gear servlets. The beans are plain objects built with the library's builders;
 * Spring only owns their lifecycle ({@code close} on shutdown).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SkygearProperties.class)
public class SkygearConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SkygearConfiguration.class);
    private static final String BUNDLED_CONFIG = "skygear-tenant-config.yaml";
    private static final String EMBEDDED = "embedded";
    /**
     * Where the Skygear filters sit among the servlet filters: after Boot's character-encoding filter
     * and before Spring Security's chain (-100), so that security rules could read {@link AuthContext}.
     */
    static final int FILTER_ORDER = -1000;

    @Bean
    TenantConfig tenantConfig(SkygearProperties properties) {
        return properties.configFile().map(TenantConfig::load).orElseGet(() -> {
            try {
                return TenantConfig.parseYaml(new ClassPathResource(BUNDLED_CONFIG).getContentAsString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled " + BUNDLED_CONFIG, e);
            }
        });
    }

    /**
     * The PostgreSQL behind {@code database_url: embedded}; created only when that is the URL. Spring stops
     * it after the beans that use it, so zonky's own shutdown hook (which would race them) is off.
     */
    @Bean(destroyMethod = "close")
    @Lazy
    EmbeddedPostgres embeddedPostgres(SkygearProperties properties) throws IOException {
        Path dataDir = properties.dataDir().toAbsolutePath();
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .start();
    }

    @Bean(destroyMethod = "close")
    Database skygearDatabase(TenantConfig tenant, ObjectProvider<EmbeddedPostgres> embedded,
                             ObjectProvider<MeterRegistry> meters) {
        String url = tenant.appConfig().databaseUrl();
        return Database.builder()
                .jdbcUrl(EMBEDDED.equals(url) ? embedded.getObject().getJdbcUrl("postgres", "postgres") : url)
                .schema(tenant.appConfig().databaseSchema())
                .meterRegistry(meters.getIfAvailable())
                .build();
    }

    /** Runs at startup; the gears depend on it, so no request reaches an unmigrated schema. */
    @Bean
    MigrationResult skygearMigrations(Database database) {
        MigrationResult migrated = Migrations.configure().database(database)
                .modules("core", "auth", "asset").load().up();
        LOG.info("migrations: {}", migrated.summary());
        return migrated;
    }

    @Bean(destroyMethod = "close")
    @DependsOn("skygearMigrations")
    AuthGear authGear(Database database, ObjectProvider<MeterRegistry> meters) {
        // Boot's MeterRegistry bean when actuator is on the classpath; no metrics otherwise
        return AuthGear.builder().databases(DatabaseResolver.fixed(database))
                .meterRegistry(meters.getIfAvailable(CompositeMeterRegistry::new)).build();
    }

    @Bean(destroyMethod = "close")
    @DependsOn("skygearMigrations")
    AssetGear assetGear(Database database, SkygearProperties properties, ObjectProvider<MeterRegistry> meters) {
        return AssetGear.builder()
                .storage(FileSystemStorage.of(properties.dataDir().toAbsolutePath().resolve("assets")))
                .databases(DatabaseResolver.fixed(database))
                .users(request -> AuthContext.of(request).userId())
                .meterRegistry(meters.getIfAvailable(CompositeMeterRegistry::new))
                .build();
    }

    @Bean
    FilterRegistrationBean<Filter> skygearRequestIdFilter() {
        return filter(new RequestIdFilter(), 0);
    }

    @Bean
    FilterRegistrationBean<Filter> skygearTenantFilter(TenantConfig tenant) {
        return filter(new TenantFilter(StandaloneTenantResolver.of(tenant)), 1);
    }

    @Bean
    FilterRegistrationBean<Filter> skygearCorsFilter() {
        return filter(new CorsFilter(), 2);
    }

    @Bean
    FilterRegistrationBean<Filter> skygearAccessKeyFilter() {
        return filter(new AccessKeyFilter(), 3);
    }

    @Bean
    FilterRegistrationBean<Filter> skygearAccessTokenFilter(AuthGear auth) {
        return filter(auth.accessTokenFilter(), 4);
    }

    @Bean
    ServletRegistrationBean<HttpServlet> skygearAuthServlet(AuthGear auth) {
        return servlet(auth.servlet(), "skygearAuth", "/_auth/*");
    }

    @Bean
    ServletRegistrationBean<HttpServlet> skygearAssetServlet(AssetGear assets) {
        return servlet(assets.servlet(), "skygearAsset", "/_asset/*");
    }

    /** Every path, REQUEST dispatch only (Spring's defaults), at its place in the Skygear chain. */
    private static FilterRegistrationBean<Filter> filter(Filter filter, int position) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("skygear" + filter.getClass().getSimpleName());
        registration.setOrder(FILTER_ORDER + position);
        return registration;
    }

    private static ServletRegistrationBean<HttpServlet> servlet(HttpServlet servlet, String name, String mapping) {
        ServletRegistrationBean<HttpServlet> registration = new ServletRegistrationBean<>(servlet, mapping);
        registration.setName(name);
        return registration;
    }
}
