package io.skygear.core.config;

/** {@code user_config.mfa.oob}: limits of the out-of-band channels. */
public record MfaOobConfig(MfaOobChannelConfig sms, MfaOobChannelConfig email) {
}
