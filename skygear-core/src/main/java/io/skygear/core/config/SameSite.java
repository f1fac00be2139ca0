package io.skygear.core.config;

/** The {@code SameSite} attribute of the session cookie. */
public enum SameSite implements WireValue {
    NONE, LAX, STRICT
}
