package io.skygear.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sample configuration and the smallest valid one, shared by the config tests. */
final class ConfigFixtures {

    /** The smallest configuration the original accepted: only the required values. */
    static final String MINIMAL_YAML = """
            version: "1"
            app_id: app-id
            app_name: myapp
            app_config:
              database_url: postgres://localhost/app
              database_schema: app
            user_config:
              master_key: master-key
              auth:
                authentication_session:
                  secret: authn-secret
              hook:
                secret: hook-secret
              asset:
                secret: asset-secret
            """;

    private ConfigFixtures() {
    }

    static Path samplePath() {
        try {
            return Path.of(ConfigFixtures.class.getResource("/config/standalone-tenant-config.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sampleYaml() {
        try {
            return Files.readString(samplePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
