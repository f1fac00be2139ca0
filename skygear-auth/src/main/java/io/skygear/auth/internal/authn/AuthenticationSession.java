package io.skygear.auth.internal.authn;

import io.skygear.auth.hook.SessionCreateEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A login that has proved the identity and still owes steps (§5.4): who, through which client and
 * identity, why the session will be created, and the steps required and finished. It lives only in the
 * signed token the client carries ({@link AuthenticationSessionTokens}).
 *
 * @param appId the tenant: a token is never accepted by another tenant
 */
public record AuthenticationSession(
        String appId,
        String clientId,
        String userId,
        String principalId,
        String principalType,
        Instant principalUpdatedAt,
        SessionCreateEvent.Reason reason,
        List<String> requiredSteps,
        List<String> finishedSteps) {

    public static final String STEP_IDENTITY = "identity";
    public static final String STEP_MFA = "mfa";

    public AuthenticationSession {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(principalId, "principalId");
        Objects.requireNonNull(principalType, "principalType");
        Objects.requireNonNull(principalUpdatedAt, "principalUpdatedAt");
        Objects.requireNonNull(reason, "reason");
        requiredSteps = List.copyOf(requiredSteps);
        finishedSteps = List.copyOf(finishedSteps);
    }

    /** A session whose identity is proved and whose MFA step is due. */
    public static AuthenticationSession mfaDue(String appId, String clientId, String userId, String principalId,
            String principalType, Instant principalUpdatedAt, SessionCreateEvent.Reason reason) {
        return new AuthenticationSession(appId, clientId, userId, principalId, principalType, principalUpdatedAt,
                reason, List.of(STEP_IDENTITY, STEP_MFA), List.of(STEP_IDENTITY));
    }

    /** The first required step not finished yet; empty when all are. */
    public java.util.Optional<String> nextStep() {
        return requiredSteps.stream().filter(s -> !finishedSteps.contains(s)).findFirst();
    }
}
