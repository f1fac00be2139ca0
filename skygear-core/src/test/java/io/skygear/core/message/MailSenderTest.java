package io.skygear.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.skygear.core.config.SmtpConfig;
import io.skygear.core.config.SmtpMode;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SMTP through Angus Mail against GreenMail: plain and implicit TLS, login, host defaults, errors. */
class MailSenderTest {

    static GreenMail greenMail;
    /** GreenMail's certificate is self-signed: the sender trusts the local host. */
    static MailSender sender;

    @BeforeAll
    static void start() {
        // a loaded machine may take more than GreenMail's default 2 s to open a port
        System.setProperty("greenmail.startup.timeout", "30000");
        greenMail = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.SMTPS}));
        greenMail.start();
        greenMail.setUser("mailer@example.com", "mailer", "mailer-pw");
        sender = MailSender.builder().trustedHosts("127.0.0.1").build();
    }

    @AfterAll
    static void stop() {
        greenMail.stop();
    }

    @BeforeEach
    void clean() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
    }

    @Test
    void sendsTextWithAnHtmlAlternativeAndReplyTo() throws Exception {
        sender.send(plain(), new MailMessage("App <no-reply@example.com>", "ann@example.com", "Héllo", Optional.of("help@example.com"),
                "text body", Optional.of("<p>html body</p>")));

        MimeMessage mail = greenMail.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("Héllo");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("App <no-reply@example.com>");
        assertThat(mail.getReplyTo()[0].toString()).isEqualTo("help@example.com");
        Multipart parts = (Multipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("text body");
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>html body</p>");
    }

    @Test
    void sslModeUsesImplicitTlsAndLogsIn() throws Exception {
        SmtpConfig ssl = new SmtpConfig("127.0.0.1", greenMail.getSmtps().getPort(), SmtpMode.SSL, "mailer", "mailer-pw");

        sender.send(ssl, new MailMessage("no-reply@example.com", "bob@example.com", "tls", Optional.empty(), "over TLS", Optional.empty()));

        assertThat(greenMail.getReceivedMessages()).singleElement()
                .satisfies(m -> assertThat(m.getContent().toString()).contains("over TLS"));
    }

    @Test
    void tenantsWithoutHostUseTheHostDefaults() {
        MailSender withDefaults = MailSender.builder().defaults(plain()).build();

        withDefaults.send(new SmtpConfig("", 25, SmtpMode.NORMAL, "", ""),
                new MailMessage("no-reply@example.com", "carl@example.com", "s", Optional.empty(), "t", Optional.empty()));

        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(withDefaults.effective(null)).contains(plain());
    }

    @Test
    void missingConfigurationAndBadAddressesAreNotRetryableButDownServersAre() {
        MailMessage message = new MailMessage("no-reply@example.com", "dan@example.com", "s", Optional.empty(), "t", Optional.empty());
        assertThatThrownBy(() -> MailSender.builder().build().send(null, message))
                .isInstanceOfSatisfying(MessageException.class, e -> {
                    assertThat(e).hasMessage("mail: configuration is missing");
                    assertThat(e.retryable()).isFalse();
                });
        assertThatThrownBy(() -> sender.send(plain(), new MailMessage("no-reply@example.com", "not an address", "s",
                Optional.empty(), "t", Optional.empty())))
                .isInstanceOfSatisfying(MessageException.class, e -> assertThat(e.retryable()).isFalse());
        assertThatThrownBy(() -> sender.send(new SmtpConfig("127.0.0.1", 1, SmtpMode.NORMAL, "", ""), message))
                .isInstanceOfSatisfying(MessageException.class, e -> assertThat(e.retryable()).isTrue());
        assertThatThrownBy(() -> new MailMessage("", "a@example.com", "s", Optional.empty(), "t", Optional.empty()))
                .hasMessage("mail: sender is missing");
    }

    private static SmtpConfig plain() {
        return new SmtpConfig("127.0.0.1", greenMail.getSmtp().getPort(), SmtpMode.NORMAL, "", "");
    }
}
