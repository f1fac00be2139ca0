package io.skygear.core.config;

/** Whether a user counts as verified when any or all of their verifiable login IDs are. */
public enum VerificationCriteria implements WireValue {
    ANY, ALL
}
