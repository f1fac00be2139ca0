package io.skygear.auth.internal.mfa.endpoint;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.BodyCauses;
import io.skygear.auth.internal.mfa.MfaCaller;
import io.skygear.auth.internal.mfa.MfaService;
import java.util.Optional;

/**
 * An MFA step that takes one code (K+S?): reads the body, requires the code, resolves the caller from
 * the session or {@code authn_session_token}, then lets the subclass call the service and answer.
 */
abstract class CodeStepHandler<B extends Record & CodeStepHandler.CodeBody> implements AuthHandler {

    /** A body with the step's code and the optional authentication session. */
    interface CodeBody {

        String code();

        Optional<String> authnSessionToken();
    }

    final MfaService service;
    private final String path;
    private final Class<B> bodyType;
    private final String codePointer;
    private final boolean setup;

    /**
     * @param codePointer where the code is in the body, for the validation error
     * @param setup       activating an authenticator (the caller has none activated yet)
     */
    CodeStepHandler(MfaService service, String path, Class<B> bodyType, String codePointer, boolean setup) {
        this.service = service;
        this.path = path;
        this.bodyType = bodyType;
        this.codePointer = codePointer;
        this.setup = setup;
    }

    @Override
    public final String path() {
        return path;
    }

    @Override
    public final AuthzPolicy authz() {
        return MfaEndpoints.KEY_AND_OPTIONAL_SESSION;
    }

    @Override
    public final void handle(AuthRequest request) throws Exception {
        B body = request.body(bodyType);
        BodyCauses.requireNotEmpty(body.code(), codePointer);
        respond(request, MfaEndpoints.caller(service, request, body.authnSessionToken(), setup), body);
    }

    /** Runs the step for {@code caller} and writes the answer. */
    abstract void respond(AuthRequest request, MfaCaller caller, B body) throws Exception;
}
