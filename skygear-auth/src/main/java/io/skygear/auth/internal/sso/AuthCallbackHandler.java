package io.skygear.auth.internal.sso;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthServlet;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.core.error.SkygearException;
import io.skygear.core.http.Json;
import io.skygear.core.internal.http.Envelope;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * {@code GET|POST /_auth/sso/{provider}/auth_handler} (no key: the provider sends the browser here):
 * completes the flow and hands the result ({@code {"result": <authorization code>}} or
 * {@code {"error": …}}) to the app: {@code web_redirect} and {@code mobile_app} get a 302 to the
 * callback URL with {@code x-skygear-result=<base64 JSON>}; {@code web_popup} gets a page that posts it
 * to the opener window. Before the state is trusted, refusals are plain-text 400s.
 */
public final class AuthCallbackHandler implements AuthHandler {

    public static final String RESULT_PARAMETER = "x-skygear-result";

    private final SsoService service;

    public AuthCallbackHandler(SsoService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "sso/" + AuthServlet.PROVIDER_SEGMENT + "/auth_handler";
    }

    @Override
    public Set<String> methods() {
        return Set.of("GET", "POST");
    }

    @Override
    public AuthzPolicy authz() {
        return AuthzPolicy.NONE;
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        if ("POST".equals(request.method()) && !request.isFormPost()) {
            // providers post forms (response_mode=form_post); anything else is not a callback
            request.discardBody();
            request.writeText(400, "Failed to decode/validate request\n");
            return;
        }
        SsoService.Callback callback = new SsoService.Callback(request.parameter("code"), request.parameter("state"),
                request.parameter("error"), request.cookie(AuthRedirectHandler.NONCE_COOKIE));
        URI base = request.hookContext().baseUri().orElse(URI.create("http://localhost"));
        switch (service.callback(request.tenant(), request.pathParameter(), callback, base, request.hookContext(),
                request.auditOrigin())) {
            case SsoService.CallbackRefused refused ->
                    request.writeText(400, refused.message() + "\n");
            case SsoService.CallbackResult result -> {
                String json = result.code()
                        .map(code -> "{\"result\":" + Json.mapper().writeValueAsString(code) + "}")
                        .orElseGet(() -> errorJson(result.error().orElseThrow()));
                if (result.state().uxMode() == UxMode.WEB_POPUP) {
                    request.writeHtml(200, PopupPage.render(result.state().callbackUrl(), json));
                } else {
                    request.redirect(withResult(result.state().callbackUrl(), json));
                }
            }
        }
    }

    private static String errorJson(SkygearException error) {
        return new String(Envelope.error(error), StandardCharsets.UTF_8).strip();
    }

    /** {@code callbackUrl} with {@code x-skygear-result} added to its query (before any fragment). */
    static String withResult(String callbackUrl, String json) {
        String encoded = URLEncoder.encode(
                Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        int hash = callbackUrl.indexOf('#');
        String head = hash < 0 ? callbackUrl : callbackUrl.substring(0, hash);
        String fragment = hash < 0 ? "" : callbackUrl.substring(hash);
        return head + (head.contains("?") ? "&" : "?") + RESULT_PARAMETER + "=" + encoded + fragment;
    }
}
