package io.skygear.core.config;

/**
 * {@code app_config.hook}: how long synchronous hooks may take.
 *
 * @param syncHookTimeoutSecond      per hook call (default 5)
 * @param syncHookTotalTimeoutSecond for all hooks of one event together (default 10)
 */
public record HookTimeoutConfig(int syncHookTimeoutSecond, int syncHookTotalTimeoutSecond) {
}
