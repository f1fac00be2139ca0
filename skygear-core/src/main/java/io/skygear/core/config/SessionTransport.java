package io.skygear.core.config;

/** How a client carries its session token: the {@code Authorization} header or the {@code session} cookie. */
public enum SessionTransport implements WireValue {
    HEADER, COOKIE
}
