package io.skygear.core.config;

import java.util.Locale;

/**
 * A member of a closed set of configuration values. In YAML and JSON it is written as its lower-case
 * name with {@code -} for {@code _}, e.g. {@code HTTP_SERVICE} is {@code "http-service"}.
 */
public interface WireValue {

    /** The enum constant's name; implemented by every enum. */
    String name();

    /** The value as written in configuration files. */
    default String wireValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
