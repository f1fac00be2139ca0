package io.skygear.auth.internal.session;

import io.skygear.core.config.SessionTransport;

/** How a request carried its access token: {@code Authorization: Bearer} or the {@code session} cookie. */
public enum TokenTransport {
    HEADER, COOKIE;

    /** Whether this is the transport {@code configured} for the session's client. */
    public boolean matches(SessionTransport configured) {
        return switch (this) {
            case HEADER -> configured == SessionTransport.HEADER;
            case COOKIE -> configured == SessionTransport.COOKIE;
        };
    }
}
