package io.skygear.auth.internal.session.endpoint;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.DenyNoAccessKey;
import io.skygear.auth.internal.http.RequireValidUser;
import io.skygear.auth.internal.session.Session;
import io.skygear.auth.internal.session.SessionService;
import java.util.Map;

/**
 * {@code POST /_auth/session/list} (K+U), body {@code {}}: {@code {"sessions": [Session…]}} of the caller,
 * oldest first, without sessions of clients no longer configured or past their storage expiry.
 */
public final class SessionListHandler implements AuthHandler {

    private final SessionService sessions;

    public SessionListHandler(SessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    public String path() {
        return "session/list";
    }

    @Override
    public AuthzPolicy authz() {
        return AuthzPolicy.allOf(DenyNoAccessKey.INSTANCE, RequireValidUser.INSTANCE);
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        request.emptyBody();
        String userId = request.session().orElseThrow().userId();
        request.writeResult(Map.of("sessions",
                sessions.list(request.tenant(), userId).stream().map(Session::toApiModel).toList()));
    }
}
