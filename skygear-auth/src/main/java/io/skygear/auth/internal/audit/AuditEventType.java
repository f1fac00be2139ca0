package io.skygear.auth.internal.audit;

import java.util.Locale;

/** What an audit entry records; stored and logged in lower case ({@code login_success}, …). */
public enum AuditEventType {
    LOGIN_SUCCESS,
    LOGIN_FAILURE,
    LOGOUT,
    SIGNUP,
    CHANGE_PASSWORD,
    /** By master key, or by the forgot-password flow (data {@code {"type":"forgot_password"}}). */
    RESET_PASSWORD,
    DISABLE_USER,
    ENABLE_USER,
    /** An e-mail or SMS given up by the message outbox (data: channel, purpose, masked recipient, error). */
    SEND_MESSAGE_FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
