package io.skygear.auth.internal.http;

/**
 * Requires an API key or the master key: 401 {@code AccessKeyNotAccepted} "API key required". A valid
 * access token counts, because it replaces a missing key by its session's client.
 */
public final class DenyNoAccessKey implements AuthzPolicy {

    public static final DenyNoAccessKey INSTANCE = new DenyNoAccessKey();

    private DenyNoAccessKey() {
    }

    @Override
    public void check(AuthRequest request) {
        if (!request.accessKey().isPresent()) {
            throw AuthzPolicy.accessKeyNotAccepted("API key required");
        }
    }
}
