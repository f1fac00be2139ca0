package io.skygear.core.message;

import java.util.Objects;
import java.util.Optional;

/**
 * One e-mail: a text body and, optionally, an HTML alternative.
 *
 * @param from     the sender address, e.g. {@code no-reply@example.com} or {@code App <no-reply@example.com>}
 * @param to       the recipient address
 * @param subject  the subject line
 * @param replyTo  the Reply-To address, if any
 * @param textBody the plain-text body
 * @param htmlBody the HTML alternative, if any
 * @throws IllegalArgumentException naming the part that is missing, as the original did ("mail: sender is missing")
 */
public record MailMessage(String from, String to, String subject, Optional<String> replyTo, String textBody,
                          Optional<String> htmlBody) {

    public MailMessage {
        required(from, "sender");
        required(to, "recipient");
        required(subject, "subject");
        required(textBody, "text body");
        replyTo = Objects.requireNonNull(replyTo, "replyTo").filter(s -> !s.isBlank());
        htmlBody = Objects.requireNonNull(htmlBody, "htmlBody").filter(s -> !s.isEmpty());
    }

    private static void required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("mail: " + what + " is missing");
        }
    }
}
