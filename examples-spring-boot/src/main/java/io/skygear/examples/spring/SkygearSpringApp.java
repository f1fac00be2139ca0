package io.skygear.examples.spring;

import io.skygear.core.config.TenantConfig;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The example host app on Spring Boot 4: {@link SkygearConfiguration} registers the Skygear filters and
 * gears as beans, {@link MeController} is the app's own endpoint. Run it with {@code ./scripts/demo-spring}.
 */
@SpringBootApplication
public class SkygearSpringApp {

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(SkygearSpringApp.class, args);
        TenantConfig tenant = context.getBean(TenantConfig.class);
        String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port") + "/";
        String apiKey = tenant.userConfig().clients().isEmpty()
                ? "(no client configured)" : tenant.userConfig().clients().getFirst().apiKey();
        System.out.printf("""

                Skygear Spring Boot example is running at %s  (app_id %s)
                  API key:    %s
                  Sign up:    curl -H 'X-Skygear-API-Key: %s' -H 'Content-Type: application/json' \\
                                -d '{"login_ids":[{"key":"email","value":"me@example.com"}],"password":"secret-pass-123"}' \\
                                %s_auth/signup
                  Then:       curl -H 'X-Skygear-API-Key: %s' -H 'Authorization: Bearer <access_token>' %sapi/me
                Stop with Ctrl-C.
                %n""", base, tenant.appId(), apiKey, apiKey, base, apiKey, base);
    }
}
