package io.skygear.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.internal.session.AccessEvent;
import io.skygear.auth.internal.session.IssuedSession;
import io.skygear.auth.internal.session.SessionCreation;
import io.skygear.auth.internal.session.SessionService;
import io.skygear.auth.testing.MigratedDatabase;
import io.skygear.core.config.TenantConfig;
import io.skygear.core.db.Database;
import io.skygear.core.tenant.TenantContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** A migrated database (core, auth, sessions) in schema {@code app} and tenants with one client per session policy. */
final class SessionFixture {

    static final String SCHEMA = MigratedDatabase.SCHEMA;
    static final String CORE_UP = "io/skygear/migrations/core/up/V1566290052__core_initial_schema.sql";
    static final String AUTH_UP = "io/skygear/migrations/auth/up/V1567574912__auth_initial_schema.sql";
    static final String SESSIONS_UP = "io/skygear/migrations/auth/up/V1790000100__sessions.sql";
    static final String SESSIONS_DOWN = "io/skygear/migrations/auth/down/U1790000100__sessions.sql";

    static final Instant T0 = Instant.parse("2019-06-01T00:00:00Z");
    static final String MASTER_KEY = "master-key-1c2d";

    /** Header transport, refresh tokens (access 1800 s, refresh 86400 s), no idle timeout. */
    static final String WEB = "web";
    static final String WEB_KEY = "web-api-key";
    /** Header transport, refresh tokens, idle timeout 300 s. */
    static final String IDLE = "idle";
    static final String IDLE_KEY = "idle-api-key";
    /** Header transport, refresh tokens disabled, idle timeout 300 s. */
    static final String NO_REFRESH = "norefresh";
    static final String NO_REFRESH_KEY = "norefresh-api-key";
    /** Cookie transport (refresh tokens forced off). */
    static final String COOKIE = "cookie";
    static final String COOKIE_KEY = "cookie-api-key";

    private static final Field<String> ID = DSL.field(DSL.name("id"), String.class);
    private static final Field<Boolean> DISABLED = DSL.field(DSL.name("disabled"), Boolean.class);

    private SessionFixture() {
    }

    /** A fresh database with core, auth and the sessions migration in schema {@code app}. */
    static MigratedDatabase migratedDatabase() {
        return MigratedDatabase.create("1790000100__sessions");
    }

    /** A Database over {@code pool}'s connections, wrapped (e.g. by a statement counter). */
    static Database wrapped(Database pool, Function<javax.sql.DataSource, javax.sql.DataSource> wrapper) {
        return Database.builder().dataSource(wrapper.apply(pool.dataSource())).schema(SCHEMA).build();
    }

    static TenantContext tenant(String appId) {
        return TenantContext.of(config(appId, ""));
    }

    /** The tenant after a config change that removed the client {@code removedClient}. */
    static TenantContext tenantWithout(String appId, String removedClient) {
        return TenantContext.of(config(appId, removedClient));
    }

    private static TenantConfig config(String appId, String removedClient) {
        StringBuilder clients = new StringBuilder();
        Map<String, String> all = new java.util.LinkedHashMap<>();
        all.put(WEB, """
                    - id: web
                      name: Web
                      api_key: web-api-key
                      session_transport: header
                """);
        all.put(IDLE, """
                    - id: idle
                      name: Idle
                      api_key: idle-api-key
                      session_transport: header
                      session_idle_timeout_enabled: true
                      session_idle_timeout: 300
                """);
        all.put(NO_REFRESH, """
                    - id: norefresh
                      name: No refresh
                      api_key: norefresh-api-key
                      session_transport: header
                      refresh_token_disabled: true
                      session_idle_timeout_enabled: true
                      session_idle_timeout: 300
                """);
        all.put(COOKIE, """
                    - id: cookie
                      name: Cookie
                      api_key: cookie-api-key
                      session_transport: cookie
                """);
        all.forEach((id, yaml) -> {
            if (!id.equals(removedClient)) {
                clients.append(yaml);
            }
        });
        return TenantConfig.parseYaml("""
                version: "1"
                app_id: %s
                app_name: sessions
                app_config:
                  database_url: postgres://localhost/unused
                  database_schema: app
                user_config:
                  master_key: %s
                  clients:
                %s
                  auth:
                    authentication_session:
                      secret: authn-secret
                  hook:
                    secret: hook-secret
                  asset:
                    secret: asset-secret
                """.formatted(appId, MASTER_KEY, clients.toString().stripTrailing()));
    }

    /** Inserts a user row and returns its id. */
    static String user(Database db, TenantContext t) {
        String id = UUID.randomUUID().toString();
        db.tenant(t.appId()).insertInto("_core_user").set(ID, id).execute();
        return id;
    }

    static void setDisabled(Database db, TenantContext t, String userId, boolean disabled) {
        db.tenant(t.appId()).update("_core_user", Map.of(DISABLED, disabled), ID.eq(userId)).execute();
    }

    static AccessEvent access(Instant time, String userAgent) {
        return AccessEvent.capture(time, "10.0.0.1", name -> name.equals("User-Agent") ? userAgent : null);
    }

    static SessionCreation creation(String userId, String clientId, Instant time) {
        return new SessionCreation(userId, "principal-" + userId, "password", T0, clientId, access(time, "test-agent/1.0"));
    }

    /**
     * Checks a token until a check is answered without any statement on {@code _auth_session}, i.e. by
     * the cache (a load racing an unrelated eviction is not cached, so the first check may not do).
     */
    static void awaitCached(CountingDataSource counter, BooleanSupplier resolves) {
        assertThat(Await.within(Duration.ofSeconds(5), () -> {
            assertThat(resolves.getAsBoolean()).as("token resolves").isTrue();
            long before = counter.statementsOn("_auth_session");
            assertThat(resolves.getAsBoolean()).as("token resolves").isTrue();
            return counter.statementsOn("_auth_session") == before;
        })).as("token served from the cache").isTrue();
    }

    /** Creates and commits a session. */
    static IssuedSession login(SessionService sessions, Database db, TenantContext t, String userId, String clientId,
            Instant time) {
        return db.transactionResult(trx -> sessions.create(t, trx.dsl(), creation(userId, clientId, time)));
    }
}
