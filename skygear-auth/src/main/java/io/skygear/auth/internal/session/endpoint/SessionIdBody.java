package io.skygear.auth.internal.session.endpoint;

import io.skygear.auth.internal.http.BodyCauses;
import java.util.List;

/** {@code {"session_id": "…"}}: required, non-empty. */
record SessionIdBody(String sessionId) {

    /** The id, once checked non-empty (400 {@code StringLength} {@code /session_id} otherwise). */
    String requireId() {
        if (sessionId.isEmpty()) {
            BodyCauses.throwIfAny(List.of(BodyCauses.notEmpty("/session_id")));
        }
        return sessionId;
    }
}
