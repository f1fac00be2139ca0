package io.skygear.auth.internal.template;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.core.template.TemplateSpec;
import java.util.Set;

/**
 * {@code GET /_auth/.skygear/templates.json} (no authz): the template types a tenant may override,
 * sorted by type, each {@code {type, default, is_keyed, is_html}} with the built-in default body, as
 * the original listed them for its portal.
 */
public final class TemplateSpecsHandler implements AuthHandler {

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
        request.writeJson(AuthTemplates.all().stream().map(TemplateSpec::toJson).toList());
    }
}
