package io.skygear.auth.internal.mfa.endpoint;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.BodyCauses;
import io.skygear.auth.internal.mfa.MfaCaller;
import io.skygear.auth.internal.mfa.MfaService;
import io.skygear.auth.internal.mfa.OobChannel;
import io.skygear.core.error.ValidationCause;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /_auth/mfa/oob/new} (K+S?, setup): {@code channel: "sms"} with an E.164 {@code phone}, or
 * {@code channel: "email"} with an {@code email}, nothing else; a new inactive OOB authenticator and a
 * code sent to it.
 */
public final class OobNewHandler implements AuthHandler {

    private static final Set<String> FIELDS = Set.of("channel", "phone", "email", "authn_session_token");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final int MAX_EMAIL_LENGTH = 320;

    private final MfaService service;

    public OobNewHandler(MfaService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "mfa/oob/new";
    }

    @Override
    public AuthzPolicy authz() {
        return MfaEndpoints.KEY_AND_OPTIONAL_SESSION;
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        JsonNode body = request.bodyTree();
        if (!body.isObject()) {
            BodyCauses.throwIfAny(List.of(BodyCauses.general("", "body must be an object")));
        }
        List<ValidationCause> causes = new ArrayList<>();
        body.propertyNames().forEach(name -> {
            if (!FIELDS.contains(name)) {
                causes.add(BodyCauses.general("/" + name, "unknown property " + name));
            }
        });
        Optional<OobChannel> channel = OobChannel.fromWire(text(body, "channel"));
        if (channel.isEmpty()) {
            causes.add(BodyCauses.oneOf("/channel", "channel", List.of("sms", "email")));
        }
        String target = channel.map(c -> text(body, c == OobChannel.SMS ? "phone" : "email")).orElse("");
        channel.ifPresent(c -> {
            Pattern format = c == OobChannel.SMS ? E164 : EMAIL;
            String field = c == OobChannel.SMS ? "phone" : "email";
            if (!format.matcher(target).matches() || target.length() > MAX_EMAIL_LENGTH) {
                causes.add(BodyCauses.general("/" + field, "invalid " + field));
            }
            String other = c == OobChannel.SMS ? "email" : "phone";
            if (body.has(other)) {
                causes.add(BodyCauses.general("/" + other, other + " is not allowed for channel " + c.wireName()));
            }
        });
        BodyCauses.throwIfAny(causes);
        Optional<String> token = Optional.of(text(body, "authn_session_token")).filter(t -> !t.isEmpty());
        MfaCaller caller = MfaEndpoints.caller(service, request, token, true);
        request.writeResult(service.newOob(request.tenant(), caller, channel.orElseThrow(), target,
                request.accessEvent().remote().ip()));
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node != null && node.isString() ? node.asString() : "";
    }
}
