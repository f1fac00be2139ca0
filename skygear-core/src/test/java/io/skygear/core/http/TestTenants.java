package io.skygear.core.http;

import io.skygear.core.config.TenantConfig;
import io.skygear.core.tenant.StandaloneTenantResolver;
import io.skygear.core.tenant.TenantFilter;

/** Small tenants for the HTTP plumbing tests. */
final class TestTenants {

    static final String MASTER_KEY = "master-Secret-4f1c";
    static final String WEB_API_KEY = "web-api-key-77aa";
    static final String IOS_API_KEY = "ios-api-key-91bd";
    static final String HOOK_SECRET = "hook-Secret-5e2d";

    private TestTenants() {}

    /** A tenant with two clients (web-app, ios-app) and the given CORS origin spec. */
    static TenantConfig withCors(String corsOrigin) {
        return TenantConfig.parseYaml("""
                version: "1"
                app_id: http-test-app
                app_name: httptest
                app_config:
                  database_url: postgres://localhost/app
                  database_schema: app
                user_config:
                  master_key: %s
                  clients:
                    - id: web-app
                      name: Web
                      api_key: %s
                      session_transport: header
                    - id: ios-app
                      name: iOS
                      api_key: %s
                      session_transport: header
                  cors:
                    origin: %s
                  auth:
                    authentication_session:
                      secret: authn-secret
                  hook:
                    secret: %s
                  asset:
                    secret: asset-secret
                """.formatted(MASTER_KEY, WEB_API_KEY, IOS_API_KEY, quote(corsOrigin), HOOK_SECRET));
    }

    static TenantFilter filter(String corsOrigin) {
        return new TenantFilter(StandaloneTenantResolver.of(withCors(corsOrigin)));
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
