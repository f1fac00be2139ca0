package io.skygear.auth.internal.refresh;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.DenyNoAccessKey;
import io.skygear.auth.internal.session.SessionService;
import java.util.Map;

/**
 * {@code POST /_auth/refresh} (K): {@code refresh_token} → {@code {"access_token"}}, a new access token
 * for the same session (the old one stops working; the refresh token stays). Unknown, expired or
 * revoked refresh tokens are 401 {@code NotAuthenticated}; a disabled user's 403 {@code UserDisabled}.
 */
public final class RefreshHandler implements AuthHandler {

    record Body(String refreshToken) {

        @Override
        public String toString() {
            return "Body[redacted]";
        }
    }

    private final SessionService sessions;

    public RefreshHandler(SessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    public String path() {
        return "refresh";
    }

    @Override
    public AuthzPolicy authz() {
        return DenyNoAccessKey.INSTANCE;
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        Body body = request.body(Body.class);
        request.writeResult(Map.of("access_token", sessions.refresh(request.tenant(), body.refreshToken())));
    }
}
