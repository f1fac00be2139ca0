package io.skygear.core.config;

/**
 * {@code user_config.cors}.
 *
 * @param origin comma-separated origin patterns such as {@code *.example.com, localhost:3000};
 *               {@code ""} when unset (no cross-origin access)
 */
public record CorsConfig(String origin) {
}
