package io.skygear.auth.internal.session.endpoint;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.DenyNoAccessKey;
import io.skygear.auth.internal.http.RequireValidUser;
import io.skygear.auth.internal.session.Session;
import io.skygear.auth.internal.session.SessionService;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import java.util.Map;

/**
 * {@code POST /_auth/session/get} (K+U), {@code {"session_id"}}: {@code {"session": Session}}; an unknown
 * session or another user's is 404 {@code SessionNotFound}.
 */
public final class SessionGetHandler implements AuthHandler {

    private final SessionService sessions;

    public SessionGetHandler(SessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    public String path() {
        return "session/get";
    }

    @Override
    public AuthzPolicy authz() {
        return AuthzPolicy.allOf(DenyNoAccessKey.INSTANCE, RequireValidUser.INSTANCE);
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        String sessionId = request.body(SessionIdBody.class).requireId();
        String userId = request.session().orElseThrow().userId();
        Session session = sessions.get(request.tenant(), userId, sessionId).orElseThrow(() ->
                new SkygearException(ErrorName.NOT_FOUND, "SessionNotFound", "session not found"));
        request.writeResult(Map.of("session", session.toApiModel()));
    }
}
