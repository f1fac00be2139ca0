package io.skygear.examples.spring;

import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code skygear.*} settings of the Spring Boot example (application.properties, environment or
 * command line, e.g. {@code --skygear.config=my-tenant.yaml}).
 *
 * @param config  tenant config in the original's standalone YAML/JSON format; the bundled one if unset
 * @param dataDir where the embedded PostgreSQL and the asset files live
 */
@ConfigurationProperties("skygear")
public record SkygearProperties(@Nullable Path config, @DefaultValue(".demo/spring") Path dataDir) {

    public Optional<Path> configFile() {
        return Optional.ofNullable(config);
    }
}
