package io.skygear.auth.internal.sso.provider;

import java.net.URI;
import java.util.Objects;

/**
 * What the authorization URL of a provider is made of.
 *
 * @param redirectUri the gear's {@code auth_handler} for this provider
 * @param state       the signed state, passed through the provider unchanged
 * @param nonce       hex SHA-256 of the nonce cookie; OpenID providers put it in the ID token
 * @param popup       the flow runs in a popup window ({@code web_popup})
 */
public record AuthorizationRequest(URI redirectUri, String state, String nonce, boolean popup) {

    public AuthorizationRequest {
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nonce, "nonce");
    }
}
