package io.skygear.core.config;

/** {@code user_config.user_audit}: kept for compatibility; the audit trail itself is always on here. */
public record UserAuditConfig(boolean enabled, String trailHandlerUrl) {
}
