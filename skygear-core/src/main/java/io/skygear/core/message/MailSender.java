package io.skygear.core.message;

import io.skygear.core.config.SmtpConfig;
import io.skygear.core.config.SmtpMode;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Sends {@link MailMessage}s over SMTP (Angus Mail) with a tenant's {@code user_config.smtp}, or the
 * host's default when the tenant has no host configured. Mode {@code normal} connects in plain text
 * and upgrades with STARTTLS when the server offers it; mode {@code ssl} uses implicit TLS (port 465).
 * A login, when set, authenticates. Immutable and thread-safe; one per host app.
 *
 * <pre>{@code
 * MailSender mail = MailSender.builder().defaults(hostSmtp).build();
 * mail.send(tenant.config().userConfig().smtp(), message);
 * }</pre>
 */
public final class MailSender {

    private final Optional<SmtpConfig> defaults;
    private final Duration timeout;
    private final List<String> trustedHosts;

    private MailSender(Builder b) {
        this.defaults = Optional.ofNullable(b.defaults).filter(MailSender::usable);
        this.timeout = b.timeout;
        this.trustedHosts = b.trustedHosts;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The settings {@link #send} uses for {@code tenant}: the tenant's when it names a host, else the host's. */
    public Optional<SmtpConfig> effective(SmtpConfig tenant) {
        return tenant != null && usable(tenant) ? Optional.of(tenant) : defaults;
    }

    /**
     * Sends {@code message} through the effective settings for {@code tenant} (may be null).
     *
     * @throws MessageException not retryable without settings or for refused addresses; retryable otherwise
     */
    public void send(SmtpConfig tenant, MailMessage message) {
        SmtpConfig smtp = effective(tenant).orElseThrow(() -> new MessageException("mail: configuration is missing", false));
        Session session = Session.getInstance(properties(smtp));
        try {
            MimeMessage mime = new MimeMessage(session);
            mime.setFrom(address(message.from(), "sender"));
            mime.setRecipient(Message.RecipientType.TO, address(message.to(), "recipient"));
            if (message.replyTo().isPresent()) {
                mime.setReplyTo(new InternetAddress[] {address(message.replyTo().get(), "reply-to")});
            }
            mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            mime.setSentDate(new Date());
            if (message.htmlBody().isPresent()) {
                MimeMultipart alternative = new MimeMultipart("alternative");
                MimeBodyPart text = new MimeBodyPart();
                text.setText(message.textBody(), StandardCharsets.UTF_8.name(), "plain");
                MimeBodyPart html = new MimeBodyPart();
                html.setText(message.htmlBody().get(), StandardCharsets.UTF_8.name(), "html");
                alternative.addBodyPart(text);
                alternative.addBodyPart(html);
                mime.setContent(alternative);
            } else {
                mime.setText(message.textBody(), StandardCharsets.UTF_8.name(), "plain");
            }
            boolean login = smtp.login() != null && !smtp.login().isEmpty();
            try (Transport transport = session.getTransport(smtp.mode() == SmtpMode.SSL ? "smtps" : "smtp")) {
                if (login) {
                    transport.connect(smtp.host(), port(smtp), smtp.login(), smtp.password());
                } else {
                    transport.connect(smtp.host(), port(smtp), null, null);
                }
                transport.sendMessage(mime, mime.getAllRecipients());
            }
        } catch (SendFailedException e) {
            // the server refused an address: the same message would be refused again
            throw new MessageException("mail: refused by " + smtp.host() + ": " + e.getMessage(), false, e);
        } catch (MessagingException e) {
            throw new MessageException("mail: sending through " + smtp.host() + ":" + port(smtp) + " failed: "
                    + e.getMessage(), true, e);
        }
    }

    private Properties properties(SmtpConfig smtp) {
        String protocol = smtp.mode() == SmtpMode.SSL ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        Properties p = new Properties();
        p.put(prefix + "host", smtp.host());
        p.put(prefix + "port", Integer.toString(port(smtp)));
        p.put(prefix + "auth", Boolean.toString(smtp.login() != null && !smtp.login().isEmpty()));
        p.put(prefix + "connectiontimeout", Long.toString(timeout.toMillis()));
        p.put(prefix + "timeout", Long.toString(timeout.toMillis()));
        p.put(prefix + "writetimeout", Long.toString(timeout.toMillis()));
        if (smtp.mode() == SmtpMode.SSL) {
            p.put(prefix + "ssl.enable", "true");
            p.put(prefix + "ssl.checkserveridentity", Boolean.toString(!trustedHosts.contains(smtp.host())));
        } else {
            p.put(prefix + "starttls.enable", "true");
        }
        if (!trustedHosts.isEmpty()) {
            p.put(prefix + "ssl.trust", String.join(" ", trustedHosts));
        }
        return p;
    }

    private static int port(SmtpConfig smtp) {
        return smtp.port() > 0 ? smtp.port() : 25;
    }

    private static InternetAddress address(String value, String what) {
        try {
            InternetAddress address = new InternetAddress(value, true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw new MessageException("mail: invalid " + what + " address: " + e.getMessage(), false, e);
        }
    }

    private static boolean usable(SmtpConfig smtp) {
        return smtp.host() != null && !smtp.host().isBlank();
    }

    /** Settings of a {@link MailSender}; all optional. */
    public static final class Builder {
        private SmtpConfig defaults;
        private Duration timeout = Duration.ofSeconds(30);
        private List<String> trustedHosts = List.of();

        private Builder() {
        }

        /** The host's SMTP settings, used for tenants that configure no SMTP host. */
        public Builder defaults(SmtpConfig defaults) {
            this.defaults = defaults;
            return this;
        }

        /** Connecting, reading and writing, each; 30 s when not set. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * SMTP hosts whose TLS certificate is trusted without checking it (e.g. a local relay with a
         * self-signed certificate, or a test server); by default every certificate is checked against
         * the JDK's trust store.
         */
        public Builder trustedHosts(String... hosts) {
            this.trustedHosts = List.of(hosts);
            return this;
        }

        /** @throws IllegalArgumentException for a timeout that is not positive */
        public MailSender build() {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout: must be positive, got " + timeout);
            }
            return new MailSender(this);
        }
    }
}
