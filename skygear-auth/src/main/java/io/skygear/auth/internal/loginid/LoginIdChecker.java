package io.skygear.auth.internal.loginid;

import io.skygear.core.config.AuthConfig;
import io.skygear.core.config.LoginIdKeyConfig;
import io.skygear.core.config.LoginIdType;
import io.skygear.core.error.ValidationCause;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tenant's login ID rules ({@code user_config.auth.login_id_keys}): allowed keys, their type
 * (raw, e-mail as a bare RFC 5322 address, phone in strict E.164) and how many IDs of each key a user
 * has. Formats are checked on the NFKC form of the value. Causes carry the original's pointers, kinds,
 * messages and details; the caller wraps them into 400 {@code Invalid/ValidationFailed}.
 *
 * <p>Immutable and thread-safe.
 */
public final class LoginIdChecker {

    static final String KEY_NOT_ALLOWED = "login ID key is not allowed";
    static final String REQUIRED = "login ID is required";
    static final String INVALID_FORMAT = "invalid login ID format";
    static final String DUPLICATED = "duplicated login ID";
    static final String TOO_MANY = "too many login IDs";
    static final String NOT_ENOUGH = "not enough login IDs";

    private static final String SIGNUP_POINTER = "/login_ids";
    private static final String LOGIN_POINTER = "/login_id";

    private final Map<String, LoginIdKeyConfig> keys;

    private LoginIdChecker(List<LoginIdKeyConfig> keys) {
        Map<String, LoginIdKeyConfig> byKey = new LinkedHashMap<>();
        keys.forEach(k -> byKey.putIfAbsent(k.key(), k));
        this.keys = java.util.Collections.unmodifiableMap(byKey);
    }

    public static LoginIdChecker of(AuthConfig auth) {
        return new LoginIdChecker(auth.loginIdKeys());
    }

    /**
     * The signup rules, all violations at once (sorted by the caller): an unknown key (General
     * {@code /login_ids}), an empty value (Required {@code /login_ids/<i>/value}), a bad e-mail or phone
     * format (StringFormat {@code /login_ids/<i>/value}, details {@code {format}}), a value given twice
     * (General {@code /login_ids/<i>/value}, compared in folded form), and per key more than
     * {@code maximum} or fewer than {@code minimum} IDs (EntryAmount {@code /login_ids}, details
     * {@code {key, lte}} or {@code {key, gte}}).
     */
    public List<ValidationCause> validate(List<LoginId> loginIds) {
        List<ValidationCause> causes = new ArrayList<>();
        if (loginIds.isEmpty()) {
            causes.add(new ValidationCause("Required", SIGNUP_POINTER, REQUIRED));
        }
        Map<String, Integer> amounts = new HashMap<>();
        Set<String> seen = new HashSet<>();
        boolean unknownKey = false;
        for (int i = 0; i < loginIds.size(); i++) {
            LoginId id = loginIds.get(i);
            String valuePointer = SIGNUP_POINTER + "/" + i + "/value";
            amounts.merge(id.key(), 1, Integer::sum);
            if (!seen.add(normalize(id))) {
                causes.add(new ValidationCause("General", valuePointer, DUPLICATED));
            }
            LoginIdKeyConfig key = keys.get(id.key());
            if (key == null) {
                unknownKey = true;
            } else {
                checkValue(key.type(), id.value(), valuePointer).ifPresent(causes::add);
            }
        }
        if (unknownKey) {
            causes.add(new ValidationCause("General", SIGNUP_POINTER, KEY_NOT_ALLOWED));
        }
        for (LoginIdKeyConfig key : keys.values()) {
            int amount = amounts.getOrDefault(key.key(), 0);
            if (amount > key.maximum()) {
                causes.add(new ValidationCause("EntryAmount", SIGNUP_POINTER, TOO_MANY,
                        Map.of("key", key.key(), "lte", key.maximum())));
            } else if (amount < key.minimum()) {
                causes.add(new ValidationCause("EntryAmount", SIGNUP_POINTER, NOT_ENOUGH,
                        Map.of("key", key.key(), "gte", key.minimum())));
            }
        }
        return List.copyOf(causes);
    }

    /**
     * The login rule: with a {@code login_id_key}, the key must be configured (General
     * {@code /login_id}) and the value must have its type's format (StringFormat {@code /login_id});
     * without one, any key may match and only an empty value is refused.
     */
    public Optional<ValidationCause> validateOne(Optional<String> key, String value) {
        if (key.isEmpty()) {
            return value.isEmpty()
                    ? Optional.of(new ValidationCause("Required", LOGIN_POINTER, REQUIRED))
                    : Optional.empty();
        }
        LoginIdKeyConfig config = keys.get(key.get());
        if (config == null) {
            return Optional.of(new ValidationCause("General", LOGIN_POINTER, KEY_NOT_ALLOWED));
        }
        return checkValue(config.type(), value, LOGIN_POINTER);
    }

    /** The type of a configured key. */
    public Optional<LoginIdType> type(String key) {
        return Optional.ofNullable(keys.get(key)).map(LoginIdKeyConfig::type);
    }

    /** The configured keys in configuration order. */
    public List<LoginIdKeyConfig> keys() {
        return List.copyOf(keys.values());
    }

    /**
     * The folded form of {@code id} for lookups and uniqueness, by its key's type (NFKC only for an
     * unknown key).
     */
    public String normalize(LoginId id) {
        return LoginIdNormalizer.normalize(type(id.key()).orElse(LoginIdType.RAW), id.value());
    }

    /**
     * What a login looks up: for the given key (or, without one, for every configured key) the folded
     * form of {@code value} under that key's type, in configuration order. An unknown key gives nothing.
     */
    public Map<String, String> lookupForms(Optional<String> key, String value) {
        Map<String, String> forms = new LinkedHashMap<>();
        keys.values().stream()
                .filter(k -> key.isEmpty() || k.key().equals(key.get()))
                .forEach(k -> forms.put(k.key(), LoginIdNormalizer.normalize(k.type(), value)));
        return java.util.Collections.unmodifiableMap(forms);
    }

    /**
     * The identity claims of a password principal: {@code {"email": value}} or {@code {"phone": value}}
     * for keys of those types (value as typed), {@code {}} for raw or unknown keys.
     */
    public Map<String, Object> claims(LoginId id) {
        return switch (type(id.key()).orElse(LoginIdType.RAW)) {
            case EMAIL -> Map.of("email", id.value());
            case PHONE -> Map.of("phone", id.value());
            case RAW -> Map.of();
        };
    }

    private static Optional<ValidationCause> checkValue(LoginIdType type, String value, String pointer) {
        if (value.isEmpty()) {
            return Optional.of(new ValidationCause("Required", pointer, REQUIRED));
        }
        String nfkc = Normalizer.normalize(value, Normalizer.Form.NFKC);
        return switch (type) {
            case EMAIL -> EmailFormat.isAddrSpec(nfkc) ? Optional.empty() : Optional.of(formatCause(pointer, "email"));
            case PHONE -> PhoneFormat.isE164(nfkc) ? Optional.empty() : Optional.of(formatCause(pointer, "phone"));
            case RAW -> Optional.empty();
        };
    }

    private static ValidationCause formatCause(String pointer, String format) {
        return new ValidationCause("StringFormat", pointer, INVALID_FORMAT, Map.of("format", format));
    }
}
