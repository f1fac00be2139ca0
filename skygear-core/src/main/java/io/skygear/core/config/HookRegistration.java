package io.skygear.core.config;

/** One entry of {@code hooks[]}: call {@code url} on {@code event} (e.g. {@code before_user_create}). */
public record HookRegistration(String event, String url) {
}
