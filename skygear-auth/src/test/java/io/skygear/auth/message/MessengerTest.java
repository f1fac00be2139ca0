package io.skygear.auth.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.skygear.auth.AuthSettings;
import io.skygear.auth.internal.audit.AuditTrail;
import io.skygear.auth.internal.hook.OutboxSettings;
import io.skygear.auth.internal.message.Email;
import io.skygear.auth.internal.message.Messenger;
import io.skygear.auth.internal.message.Sms;
import io.skygear.auth.internal.template.AuthTemplates;
import io.skygear.core.config.TenantConfig;
import io.skygear.core.db.Database;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.message.MailSender;
import io.skygear.core.message.SmsSender;
import io.skygear.core.migrate.Migrations;
import io.skygear.core.template.TemplateEngine;
import io.skygear.core.tenant.TenantContext;
import io.skygear.testing.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The message outbox with a real SMTP server (GreenMail): sent after commit only, exactly once even
 * with two workers on one outbox, failures retried or given up, logged and audited. Background
 * workers are not started: each test sends with {@link Messenger#deliverDue} on its own thread(s).
 */
class MessengerTest {

    static GreenMail smtp;
    static Database database;
    static Messenger messenger;
    static Messenger otherNode;
    static TenantContext tenant;
    static TenantContext noSmtp;

    @BeforeAll
    static void start() {
        // a loaded machine may take more than GreenMail's default 2 s to open a port
        System.setProperty("greenmail.startup.timeout", "30000");
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        TestDatabase db = TestDatabase.create();
        database = Database.builder().jdbcUrl(db.jdbcUrl()).username("postgres").schema("app").build();
        Migrations.configure().database(database).modules("core", "auth").load().up();
        messenger = messenger();
        otherNode = messenger();
        tenant = TenantContext.of(config("msg-app", """
                  smtp:
                    host: 127.0.0.1
                    port: %d
                """.formatted(smtp.getSmtp().getPort())));
        noSmtp = TenantContext.of(config("msg-nosmtp", ""));
    }

    private static Messenger messenger() {
        AuthSettings settings = AuthSettings.defaults();
        return new Messenger(DatabaseResolver.fixed(database), Clock.systemUTC(), TemplateEngine.create(),
                MailSender.builder().build(), SmsSender.builder().build(),
                new AuditTrail(DatabaseResolver.fixed(database), Clock.systemUTC()), OutboxSettings.forMessages(settings));
    }

    @AfterAll
    static void stop() {
        messenger.close();
        otherNode.close();
        database.close();
        smtp.stop();
    }

    @BeforeEach
    void clean() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        database.dsl().execute("DELETE FROM app._auth_message_outbox");
    }

    @Test
    void aCommittedEmailIsRenderedAndSentOnce() throws Exception {
        database.transaction(trx -> messenger.sendEmail(tenant, trx.dsl(), welcome("ann@example.com", "<b>Ann</b>")));

        assertThat(messenger.deliverDue(tenant)).isEqualTo(1);
        assertThat(messenger.deliverDue(tenant)).isZero();

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Welcome!");
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("ann@example.com");
        String raw = new String(received[0].getRawInputStream().readAllBytes());
        assertThat(raw).contains("&lt;b&gt;Ann&lt;/b&gt;").contains("Welcome to msg-app");
        assertThat(database.dsl().fetchValue("SELECT payload FROM app._auth_message_outbox")).isEqualTo("{}");
    }

    @Test
    void aRolledBackTransactionSendsNothing() {
        try {
            database.transaction(trx -> {
                messenger.sendEmail(tenant, trx.dsl(), welcome("bob@example.com", "Bob"));
                throw new IllegalStateException("operation failed");
            });
        } catch (IllegalStateException expected) {
            // the operation's failure rolls the message back with it
        }

        assertThat(messenger.deliverDue(tenant)).isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void twoWorkersOnOneOutboxSendEachMessageExactlyOnce() throws Exception {
        int messages = 30;
        database.transaction(trx -> {
            for (int i = 0; i < messages; i++) {
                messenger.sendEmail(tenant, trx.dsl(), welcome("user" + i + "@example.com", "User " + i));
            }
        });
        otherNode.resume(tenant);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> workers = List.of(() -> messenger.deliverDue(tenant), () -> otherNode.deliverDue(tenant),
                    () -> messenger.deliverDue(tenant), () -> otherNode.deliverDue(tenant));
            int handled = 0;
            for (Future<Integer> f : pool.invokeAll(workers)) {
                handled += f.get();
            }
            assertThat(handled).isEqualTo(messages);
        } finally {
            pool.shutdown();
        }

        List<String> recipients = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            recipients.add(m.getAllRecipients()[0].toString());
        }
        assertThat(recipients).hasSize(messages).doesNotHaveDuplicates();
    }

    @Test
    void pendingMessagesSurviveARestartAndAreSentOnceByTheNextWorker() throws Exception {
        Messenger before = messenger();
        database.transaction(trx -> before.sendEmail(tenant, trx.dsl(), welcome("dora@example.com", "Dora")));
        before.close();

        Messenger after = messenger();
        try {
            assertThat(after.deliverDue(tenant)).isEqualTo(1);
            assertThat(after.deliverDue(tenant)).isZero();
        } finally {
            after.close();
        }

        assertThat(smtp.getReceivedMessages()).singleElement()
                .satisfies(m -> assertThat(m.getAllRecipients()[0].toString()).isEqualTo("dora@example.com"));
    }

    @Test
    void aMessageThatCanNeverBeSentIsDeadLoggedAndAudited() {
        database.transaction(trx -> messenger.sendSms(noSmtp, trx.dsl(),
                Sms.of("user_verification", "user-1", "+85223456789", AuthTemplates.MFA_OOB_CODE_SMS_TXT, Map.of("code", "123456"))));

        assertThat(messenger.deliverDue(noSmtp)).isEqualTo(1);

        var row = database.dsl().fetchOne("SELECT status, attempts, last_error, payload FROM app._auth_message_outbox");
        assertThat(row.get("status")).isEqualTo("dead");
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat(row.get("last_error", String.class)).contains("no available SMS client");
        assertThat(row.get("payload")).isEqualTo("{}");
        var audit = database.dsl().fetchOne(
                "SELECT user_id, data::text AS data FROM app._auth_audit_trail WHERE app_id = 'msg-nosmtp' AND event = 'send_message_failed'");
        assertThat(audit).isNotNull();
        assertThat(audit.get("user_id")).isEqualTo("user-1");
        assertThat(audit.get("data", String.class)).contains("+8522345****").doesNotContain("23456789");
    }

    @Test
    void anUnreachableServerIsRetriedLater() {
        TenantContext unreachable = TenantContext.of(config("msg-down", """
                  smtp:
                    host: 127.0.0.1
                    port: 1
                """));
        database.transaction(trx -> messenger.sendEmail(unreachable, trx.dsl(), welcome("carl@example.com", "Carl")));

        assertThat(messenger.deliverDue(unreachable)).isEqualTo(1);

        var row = database.dsl().fetchOne("SELECT status, attempts, next_attempt_at > created_at AS later FROM app._auth_message_outbox");
        assertThat(row.get("status")).isEqualTo("pending");
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat(row.get("later")).isEqualTo(true);
        // not due again before its backoff has passed
        assertThat(messenger.deliverDue(unreachable)).isZero();
    }

    private static Email welcome(String to, String name) {
        return Email.of("welcome_email", null, to, "no-reply@example.com", "Welcome!", AuthTemplates.WELCOME_EMAIL_TXT,
                AuthTemplates.WELCOME_EMAIL_HTML, Map.of("email", name, "appname", "msg-app"));
    }

    static TenantConfig config(String appId, String userConfigExtra) {
        return TenantConfig.parseYaml("""
                version: "1"
                app_id: %1$s
                app_name: %1$s
                app_config:
                  database_url: postgres://localhost/unused
                  database_schema: app
                user_config:
                  master_key: master-%1$s
                  clients:
                    - id: web
                      name: Web
                      api_key: api-%1$s
                      session_transport: header
                  auth:
                    authentication_session:
                      secret: authn-%1$s
                    login_id_keys:
                      - key: email
                        type: email
                  hook:
                    secret: hook-%1$s
                  asset:
                    secret: asset-%1$s
                """.formatted(appId) + userConfigExtra);
    }
}
