package io.skygear.auth.internal.template;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /_auth/.skygear/templates.json} (no authz): the template types a tenant may override,
 * sorted by type, as the original listed them for its portal. Placeholder until the template system
 * (issue 5/8) ships the default bodies: each spec carries {@code type}, {@code is_html} and
 * {@code is_keyed}, and no {@code default} yet.
 */
public final class TemplateSpecsHandler implements AuthHandler {

    private record Spec(String type, boolean keyed) {
        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", type);
            json.put("is_html", type.endsWith(".html"));
            json.put("is_keyed", keyed);
            return json;
        }
    }

    // The original's registry (pkg/auth/template); verification templates are keyed by login ID key.
    private static final List<Spec> SPECS = List.of(
            new Spec("forgot_password_email.html", false),
            new Spec("forgot_password_email.txt", false),
            new Spec("forgot_password_error.html", false),
            new Spec("forgot_password_reset.html", false),
            new Spec("forgot_password_success.html", false),
            new Spec("mfa_oob_code_email.html", false),
            new Spec("mfa_oob_code_email.txt", false),
            new Spec("mfa_oob_code_sms.txt", false),
            new Spec("user_verification_email.html", true),
            new Spec("user_verification_email.txt", true),
            new Spec("user_verification_error.html", true),
            new Spec("user_verification_sms.txt", true),
            new Spec("user_verification_success.html", true),
            new Spec("welcome_email.html", false),
            new Spec("welcome_email.txt", false));

    @Override
    public String path() {
        return ".skygear/templates.json";
    }

    @Override
    public Set<String> methods() {
        return Set.of("GET");
    }

    @Override
    public AuthzPolicy authz() {
        return AuthzPolicy.NONE;
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        request.writeJson(SPECS.stream().map(Spec::toJson).toList());
    }
}
