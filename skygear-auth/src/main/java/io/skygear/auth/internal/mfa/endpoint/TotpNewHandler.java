package io.skygear.auth.internal.mfa.endpoint;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.BodyCauses;
import io.skygear.auth.internal.mfa.MfaCaller;
import io.skygear.auth.internal.mfa.MfaService;
import io.skygear.core.error.ValidationCause;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /_auth/mfa/totp/new} (K+S?, setup): a new inactive TOTP authenticator with its secret,
 * otpauth URI and QR code. {@code account_name} defaults to {@code display_name}.
 */
public final class TotpNewHandler implements AuthHandler {

    record Body(String displayName, Optional<String> accountName, Optional<String> issuer,
                Optional<String> authnSessionToken) {
    }

    private final MfaService service;

    public TotpNewHandler(MfaService service) {
        this.service = service;
    }

    /** The longest display name, account name and issuer accepted. */
    static final int MAX_LENGTH = 100;

    @Override
    public String path() {
        return "mfa/totp/new";
    }

    @Override
    public AuthzPolicy authz() {
        return MfaEndpoints.KEY_AND_OPTIONAL_SESSION;
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        Body body = request.body(Body.class);
        BodyCauses.requireNotEmpty(body.displayName(), "/display_name");
        // the otpauth URI must fit in a QR code
        List<ValidationCause> causes = new ArrayList<>();
        maxLength(causes, Optional.of(body.displayName()), "/display_name");
        maxLength(causes, body.accountName(), "/account_name");
        maxLength(causes, body.issuer(), "/issuer");
        BodyCauses.throwIfAny(causes);
        MfaCaller caller = MfaEndpoints.caller(service, request, body.authnSessionToken(), true);
        request.writeResult(service.newTotp(request.tenant(), caller, body.displayName(),
                body.accountName().filter(a -> !a.isEmpty()).orElse(body.displayName()),
                body.issuer().filter(i -> !i.isEmpty())));
    }

    private static void maxLength(List<ValidationCause> causes, Optional<String> value, String pointer) {
        if (value.filter(v -> v.codePointCount(0, v.length()) > MAX_LENGTH).isPresent()) {
            causes.add(BodyCauses.maxLength(pointer, MAX_LENGTH));
        }
    }
}
