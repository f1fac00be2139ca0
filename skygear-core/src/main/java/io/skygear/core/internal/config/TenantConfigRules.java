package io.skygear.core.internal.config;

import io.skygear.core.config.ClientConfig;
import io.skygear.core.config.LoginIdKeyConfig;
import io.skygear.core.config.TenantConfig;
import io.skygear.core.config.UserConfig;
import io.skygear.core.config.UserVerificationKeyConfig;
import io.skygear.core.error.ValidationCause;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules that span several values (the original's imperative checks), applied to the bound
 * config. Unlike the original, which stopped at the first, every violation is returned.
 */
final class TenantConfigRules {

    private static final String CLIENTS = "/user_config/clients";
    private static final String LOGIN_ID_KEYS = "/user_config/auth/login_id_keys";

    private TenantConfigRules() {
    }

    static List<ValidationCause> check(TenantConfig config) {
        UserConfig user = config.userConfig();
        List<ValidationCause> causes = new ArrayList<>();
        checkClients(user, causes);
        checkLoginIdKeys(user, causes);
        checkVerificationKeys(user, causes);
        checkUnique(user.sso().oauth().providers().stream().map(p -> p.id()).toList(),
                "/user_config/sso/oauth/providers", "", "duplicated OAuth provider", causes);
        return causes;
    }

    private static void checkClients(UserConfig user, List<ValidationCause> causes) {
        List<ClientConfig> clients = user.clients();
        boolean keyIsMasterKey = clients.stream().anyMatch(c -> sameSecret(c.apiKey(), user.masterKey()));
        if (keyIsMasterKey) {
            causes.add(Causes.general("/user_config/master_key", "master key must not be same as API key"));
        }
        for (int i = 0; i < clients.size(); i++) {
            ClientConfig c = clients.get(i);
            String at = Pointer.child(CLIENTS, i);
            if (!c.refreshTokenDisabled() && c.refreshTokenLifetime() < c.accessTokenLifetime()) {
                causes.add(Causes.general(Pointer.child(at, "refresh_token_lifetime"),
                        "refresh token lifetime must be greater than or equal to access token lifetime"));
            }
            if (c.sessionIdleTimeoutEnabled() && c.sessionIdleTimeout() > c.accessTokenLifetime()) {
                causes.add(Causes.general(Pointer.child(at, "session_idle_timeout"),
                        "session idle timeout must be less than or equal to access token lifetime"));
            }
        }
        // Not in the original: a client id names the client of every session, so it must be unique.
        checkUnique(clients.stream().map(ClientConfig::id).toList(), CLIENTS, "/id", "duplicated client ID", causes);
    }

    private static void checkLoginIdKeys(UserConfig user, List<ValidationCause> causes) {
        List<LoginIdKeyConfig> keys = user.auth().loginIdKeys();
        for (int i = 0; i < keys.size(); i++) {
            LoginIdKeyConfig k = keys.get(i);
            if (k.minimum() > k.maximum() || k.maximum() <= 0) {
                causes.add(Causes.general(Pointer.child(LOGIN_ID_KEYS, i), "invalid login ID amount range"));
            }
        }
        // Not in the original: a repeated key would make the per-key amount limits ambiguous.
        checkUnique(keys.stream().map(LoginIdKeyConfig::key).toList(), LOGIN_ID_KEYS, "/key",
                "duplicated login ID key", causes);
    }

    /** The original points at the key's name, not at the list index; kept for compatibility. */
    private static void checkVerificationKeys(UserConfig user, List<ValidationCause> causes) {
        Set<String> loginIdKeys = new HashSet<>();
        user.auth().loginIdKeys().forEach(k -> loginIdKeys.add(k.key()));
        for (UserVerificationKeyConfig k : user.userVerification().loginIdKeys()) {
            if (!k.key().isEmpty() && !loginIdKeys.contains(k.key())) {
                causes.add(Causes.general(Pointer.child("/user_config/user_verification/login_id_keys", k.key()),
                        "cannot verify disallowed login ID key"));
            }
        }
    }

    /** Reports every repetition of a non-empty value at {@code <list>/<index><suffix>}. */
    private static void checkUnique(List<String> values, String list, String suffix, String message,
            List<ValidationCause> causes) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (!values.get(i).isEmpty() && !seen.add(values.get(i))) {
                causes.add(Causes.general(Pointer.child(list, i) + suffix, message));
            }
        }
    }

    private static boolean sameSecret(String a, String b) {
        return !a.isEmpty() && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
