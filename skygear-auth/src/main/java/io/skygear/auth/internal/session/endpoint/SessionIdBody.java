package io.skygear.auth.internal.session.endpoint;

import io.skygear.auth.internal.http.BodyCauses;

/** {@code {"session_id": "…"}}: required, non-empty. */
record SessionIdBody(String sessionId) {

    /** The id, once checked non-empty (400 {@code StringLength} {@code /session_id} otherwise). */
    String requireId() {
        BodyCauses.requireNotEmpty(sessionId, "/session_id");
        return sessionId;
    }
}
