package io.skygear.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skygear.core.error.ValidationCause;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ${NAME}} substitution inside string values, a deviation the original lacked. */
class EnvironmentSubstitutionTest {

    private static final TenantConfigLoader LOADER = TenantConfig.loader().environment(Map.of(
            "DB_URL", "postgres://db/app",
            "MASTER_KEY", "from-env",
            "EMPTY", "",
            "SMTP_PORT", "2525",
            "MFA_ON", "true"));

    @Test
    void referenceIsReplacedByTheVariable() {
        TenantConfig config = load("database_url: postgres://localhost/app", "database_url: ${DB_URL}",
                "master_key: master-key", "master_key: key-${MASTER_KEY}-1");
        assertThat(config.appConfig().databaseUrl()).isEqualTo("postgres://db/app");
        assertThat(config.userConfig().masterKey()).isEqualTo("key-from-env-1");
    }

    @Test
    void defaultAppliesWhenTheVariableIsUnsetOrEmpty() {
        TenantConfig config = load("database_schema: app", "database_schema: ${SCHEMA:-tenant_a}",
                "master_key: master-key", "master_key: ${EMPTY:-fallback}");
        assertThat(config.appConfig().databaseSchema()).isEqualTo("tenant_a");
        assertThat(config.userConfig().masterKey()).isEqualTo("fallback");
    }

    @Test
    void doubleDollarEscapesAReference() {
        TenantConfig config = load("master_key: master-key", "master_key: \"$${MASTER_KEY} and $5\"");
        assertThat(config.userConfig().masterKey()).isEqualTo("${MASTER_KEY} and $5");
    }

    @Test
    void substitutedTextMayStandForNumbersAndBooleans() {
        TenantConfig config = LOADER.parseYaml(ConfigFixtures.MINIMAL_YAML
                + "  smtp:\n    port: ${SMTP_PORT}\n  mfa:\n    enabled: ${MFA_ON}\n");
        assertThat(config.userConfig().smtp().port()).isEqualTo(2525);
        assertThat(config.userConfig().mfa().enabled()).isTrue();
    }

    @Test
    void missingVariableWithoutDefaultIsReportedAtItsPointer() {
        assertThatThrownBy(() -> load("master_key: master-key", "master_key: ${NOT_SET}",
                "secret: hook-secret", "secret: \"${ALSO_NOT_SET:-}${BROKEN\""))
                .isInstanceOfSatisfying(TenantConfigException.class, e -> assertThat(e.causes()).containsExactly(
                        new ValidationCause("General", "/user_config/hook/secret",
                                "unterminated ${ (write $${ for a literal ${)"),
                        new ValidationCause("General", "/user_config/master_key",
                                "environment variable NOT_SET is not set")));
    }

    @Test
    void invalidVariableNameIsReported() {
        assertThatThrownBy(() -> load("master_key: master-key", "master_key: ${1ABC}"))
                .isInstanceOfSatisfying(TenantConfigException.class, e -> assertThat(e.causes()).containsExactly(
                        new ValidationCause("General", "/user_config/master_key",
                                "invalid environment variable reference ${1ABC}")));
    }

    @Test
    void processEnvironmentIsTheDefaultSource() {
        String path = System.getenv("PATH");
        TenantConfig config = TenantConfig.parseYaml(
                ConfigFixtures.MINIMAL_YAML.replace("master_key: master-key", "master_key: \"${PATH}\""));
        assertThat(config.userConfig().masterKey()).isEqualTo(path);
    }

    @Test
    void functionLookupAndDisabledSubstitution() {
        String yaml = ConfigFixtures.MINIMAL_YAML.replace("master_key: master-key", "master_key: ${KEY}");
        assertThat(TenantConfig.loader().environment(name -> name.toLowerCase()).parseYaml(yaml)
                .userConfig().masterKey()).isEqualTo("key");
        assertThat(TenantConfig.loader().withoutEnvironment().parseYaml(yaml).userConfig().masterKey())
                .isEqualTo("${KEY}");
    }

    /** The minimal config with pairs of (original line, replacement) applied, loaded with the test environment. */
    private static TenantConfig load(String... replacements) {
        String yaml = ConfigFixtures.MINIMAL_YAML;
        for (int i = 0; i < replacements.length; i += 2) {
            assertThat(yaml).contains(replacements[i]);
            yaml = yaml.replace(replacements[i], replacements[i + 1]);
        }
        return LOADER.parseYaml(yaml);
    }
}
