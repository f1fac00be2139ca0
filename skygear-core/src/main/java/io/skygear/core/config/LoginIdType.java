package io.skygear.core.config;

/** How a login ID key is checked: free text, an e-mail address or an E.164 phone number. */
public enum LoginIdType implements WireValue {
    RAW, EMAIL, PHONE
}
