package io.skygear.core.config;

/** Whether login requires a second factor: never, when the user has one, or always. */
public enum MfaEnforcement implements WireValue {
    OFF, OPTIONAL, REQUIRED
}
