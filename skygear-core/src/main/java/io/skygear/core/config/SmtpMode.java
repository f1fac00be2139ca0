package io.skygear.core.config;

/** SMTP connection security: plain (with STARTTLS when offered) or implicit TLS. */
public enum SmtpMode implements WireValue {
    NORMAL, SSL
}
