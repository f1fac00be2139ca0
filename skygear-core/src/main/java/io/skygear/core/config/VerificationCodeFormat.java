package io.skygear.core.config;

/** Verification codes: six digits ({@code numeric}) or a longer mixed code ({@code complex}). */
public enum VerificationCodeFormat implements WireValue {
    NUMERIC, COMPLEX
}
