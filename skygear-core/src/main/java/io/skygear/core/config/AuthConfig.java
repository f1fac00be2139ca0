package io.skygear.core.config;

import java.util.List;

/**
 * {@code user_config.auth}.
 *
 * @param authenticationSession      signs the token of a multi-step (MFA) login
 * @param loginIdKeys                allowed login ID keys; default {@code username} (raw),
 *                                   {@code email} (email), {@code phone} (phone)
 * @param onUserDuplicateAllowCreate whether signup may create a second user with the same e-mail
 */
public record AuthConfig(
        AuthenticationSessionConfig authenticationSession,
        List<LoginIdKeyConfig> loginIdKeys,
        boolean onUserDuplicateAllowCreate) {

    private static final List<String> ALLOWED_REALMS = List.of("default");

    public AuthConfig {
        loginIdKeys = List.copyOf(loginIdKeys);
    }

    /** Password realms; fixed to {@code ["default"]} and never read from or written to files, as in the original. */
    public List<String> allowedRealms() {
        return ALLOWED_REALMS;
    }
}
