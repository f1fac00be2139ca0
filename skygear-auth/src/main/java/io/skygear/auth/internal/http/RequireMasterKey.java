package io.skygear.auth.internal.http;

/** Requires the master key: 401 {@code AccessKeyNotAccepted} "Master key required". */
public final class RequireMasterKey implements AuthzPolicy {

    public static final RequireMasterKey INSTANCE = new RequireMasterKey();

    private RequireMasterKey() {
    }

    @Override
    public void check(AuthRequest request) {
        if (!request.accessKey().isMasterKey()) {
            throw AuthzPolicy.accessKeyNotAccepted("Master key required");
        }
    }
}
