package io.skygear.gateway;

import java.util.Locale;

/**
 * The version of a gear an app uses, as the original's {@code app.auth_version}: {@code live},
 * {@code nightly} or {@code suspended}. A suspended gear answers 400 {@code gear is suspended}.
 */
public enum GearVersion {
    LIVE, NIGHTLY, SUSPENDED;

    /** The stored form: {@code live}, {@code nightly}, {@code suspended}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a stored version; like the original, anything but live or nightly counts as suspended. */
    public static GearVersion fromWire(String value) {
        return switch (value == null ? "" : value) {
            case "live" -> LIVE;
            case "nightly" -> NIGHTLY;
            default -> SUSPENDED;
        };
    }

    /**
     * Parses a version given by an operator, strictly.
     *
     * @throws IllegalArgumentException for anything but live, nightly or suspended
     */
    public static GearVersion parse(String value) {
        for (GearVersion version : values()) {
            if (version.wireName().equals(value)) {
                return version;
            }
        }
        throw new IllegalArgumentException("gear version must be live, nightly or suspended, got " + value);
    }
}
