package io.skygear.gateway.internal.proxy;

import io.skygear.auth.AuthContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a deployment-route backend learns about the caller (§1.8), from the auth gear's
 * {@link AuthContext}: always the access key type, the client id when known, and for a valid session
 * the user and the identity it was opened with. Client-sent {@code x-skygear-*} headers never get here.
 */
public final class IdentityHeaders {

    private IdentityHeaders() {
    }

    /** Lower-case header names to values. */
    public static Map<String, String> of(AuthContext caller) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-skygear-access-key-type", switch (caller.accessKey().type()) {
            case MASTER_KEY -> "master-key";
            case API_KEY -> "api-key";
            case NO_ACCESS_KEY -> "no";
        });
        headers.put("x-skygear-client-id", caller.clientId().orElse(""));
        caller.userId().ifPresent(id -> headers.put("x-skygear-user-id", id));
        caller.identity().ifPresent(identity -> {
            headers.put("x-skygear-session-identity-id", identity.id());
            headers.put("x-skygear-session-identity-type", identity.type());
        });
        return headers;
    }
}
