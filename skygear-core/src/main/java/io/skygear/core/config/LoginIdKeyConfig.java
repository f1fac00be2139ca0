package io.skygear.core.config;

/**
 * One allowed login ID key ({@code user_config.auth.login_id_keys[]}).
 *
 * @param key     the name clients use, e.g. {@code email}
 * @param type    how values are checked
 * @param minimum how many IDs of this key a user must have (default 0)
 * @param maximum how many IDs of this key a user may have (default 1, or {@code minimum} when that is set)
 */
public record LoginIdKeyConfig(String key, LoginIdType type, int minimum, int maximum) {
}
