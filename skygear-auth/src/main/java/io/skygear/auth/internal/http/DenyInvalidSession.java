package io.skygear.auth.internal.http;

/**
 * An access token is optional, but one that was sent must be valid: 401 {@code NotAuthenticated} only
 * when a token came and did not resolve to a session.
 */
public final class DenyInvalidSession implements AuthzPolicy {

    public static final DenyInvalidSession INSTANCE = new DenyInvalidSession();

    private DenyInvalidSession() {
    }

    @Override
    public void check(AuthRequest request) {
        if (request.tokenRejected()) {
            throw AuthzPolicy.notAuthenticated();
        }
    }
}
