package io.skygear.core.config;

/** Which of a new user's e-mail login IDs receive the welcome e-mail. */
public enum WelcomeEmailDestination implements WireValue {
    FIRST, ALL
}
