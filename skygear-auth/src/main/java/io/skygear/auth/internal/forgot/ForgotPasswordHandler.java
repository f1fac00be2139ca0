package io.skygear.auth.internal.forgot;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.BodyCauses;
import io.skygear.auth.internal.http.DenyNoAccessKey;
import io.skygear.core.error.ValidationCause;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import java.util.Map;

/** {@code POST /_auth/forgot_password} (K): {@code {"email"}} → {@code {}}; the reset e-mails go out after commit. */
public final class ForgotPasswordHandler implements AuthHandler {

    record Body(String email) {
    }

    private final ForgotPasswordService service;

    public ForgotPasswordHandler(ForgotPasswordService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "forgot_password";
    }

    @Override
    public AuthzPolicy authz() {
        return DenyNoAccessKey.INSTANCE;
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        Body body = request.body(Body.class);
        if (!isEmail(body.email())) {
            BodyCauses.throwIfAny(List.of(new ValidationCause("StringFormat", "/email", "Does not match format 'email'",
                    Map.of("format", "email"))));
        }
        service.sendResetEmails(request.tenant(), body.email(), request.accessEvent().remote().ip(),
                request.hookContext(), request.languages());
        request.writeResult(Map.of());
    }

    /** An addr-spec ({@code local@domain}) without display name, at most 254 characters. */
    static boolean isEmail(String value) {
        if (value.isEmpty() || value.length() > 254 || value.indexOf('@') < 1) {
            return false;
        }
        try {
            InternetAddress address = new InternetAddress(value, true);
            return address.getPersonal() == null && value.equals(address.getAddress());
        } catch (AddressException e) {
            return false;
        }
    }
}
