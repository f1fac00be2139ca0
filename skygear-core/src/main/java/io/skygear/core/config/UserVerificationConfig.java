package io.skygear.core.config;

import java.util.List;

/**
 * {@code user_config.user_verification}.
 *
 * @param autoSendOnSignup send codes for every verifiable login ID at signup
 * @param criteria         default {@code any}
 * @param loginIdKeys      the login ID keys that can be verified; each must be an auth login ID key
 */
public record UserVerificationConfig(
        boolean autoSendOnSignup,
        VerificationCriteria criteria,
        String errorRedirect,
        List<UserVerificationKeyConfig> loginIdKeys) {

    public UserVerificationConfig {
        loginIdKeys = List.copyOf(loginIdKeys);
    }
}
