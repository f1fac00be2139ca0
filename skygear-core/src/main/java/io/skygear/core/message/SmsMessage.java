package io.skygear.core.message;

/**
 * One text message.
 *
 * @param to   the recipient's phone number in E.164 form, e.g. {@code +85223456789}
 * @param body the text
 * @throws IllegalArgumentException when either is blank
 */
public record SmsMessage(String to, String body) {

    public SmsMessage {
        if (to == null || to.isBlank()) {
            throw new IllegalArgumentException("sms: recipient is missing");
        }
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("sms: body is missing");
        }
    }
}
