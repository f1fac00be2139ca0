package io.skygear.auth.messaging;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skygear.auth.AuthGear;
import io.skygear.auth.AuthSettings;
import io.skygear.auth.testing.MutableClock;
import io.skygear.core.config.TenantConfig;
import io.skygear.core.db.Database;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.http.AccessKeyFilter;
import io.skygear.core.http.Json;
import io.skygear.core.http.RequestIdFilter;
import io.skygear.core.migrate.Migrations;
import io.skygear.core.tenant.TenantContext;
import io.skygear.core.tenant.TenantFilter;
import io.skygear.testing.TestDatabase;
import io.skygear.testing.TestServer;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The auth gear with real messaging, for the forgot-password, verification and welcome tests: a
 * GreenMail SMTP server, a local SMS provider ({@link SmsProvider}, Twilio and Nexmo formats), one
 * migrated PostgreSQL database, Jetty with the gear at {@code /_auth/*}. The gear's own worker sends
 * the messages after commit. Tenants (header {@value #APP_HEADER}):
 * <ul>
 *   <li>{@value #APP}: keys email, phone, username; Twilio; welcome e-mail to all addresses;
 *       verification of email (complex codes) and phone (numeric), criteria any, auto-send on signup;</li>
 *   <li>{@value #APP_REDIRECT}: keys email, phone; Nexmo; forgot-password and verification redirects;
 *       criteria all; a text template override for the reset e-mail;</li>
 *   <li>{@value #APP_REFERENCE}: master key {@code master_key}, for the reference's reset-code vector.</li>
 * </ul>
 * Time stands still at {@link #T0} until a test moves {@link #clock}.
 */
final class MessagingFixture implements AutoCloseable {

    static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    static final String APP = "msg";
    static final String APP_REDIRECT = "msg-redirect";
    static final String APP_REFERENCE = "msg-ref";
    static final String APP_HEADER = "X-Test-App";
    static final String PASSWORD = "secret-pw-1";
    static final String SUCCESS_URL = "https://app.example.com/done?from=mail";
    static final String ERROR_URL = "https://app.example.com/failed";

    /** One HTTP answer. */
    record Reply(int status, String body, Map<String, List<String>> headers) {

        JsonNode json() {
            return Json.mapper().readTree(body);
        }

        JsonNode error() {
            return json().get("error");
        }

        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }
    }

    final MutableClock clock = new MutableClock(T0);
    final GreenMail smtp;
    final SmsProvider sms = new SmsProvider();
    /** The gear's meters (MessageMetricsTest reads them). */
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final TestServer smsServer;
    final Database database;
    final AuthGear gear;
    final TestServer server;

    private MessagingFixture(AuthSettings.Builder settings) {
        // a loaded machine may take more than GreenMail's default 2 s to open a port
        System.setProperty("greenmail.startup.timeout", "30000");
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        smsServer = new TestServer().servlet(sms, "/*").start();
        TestDatabase testDatabase = TestDatabase.create();
        database = Database.builder().jdbcUrl(testDatabase.jdbcUrl()).username("postgres").schema("app")
                .maximumPoolSize(16).minimumIdle(0).build();
        Migrations.configure().database(database).modules("core", "auth").load().up();
        URI sms = smsServer.uri("/");
        gear = AuthGear.builder().databases(DatabaseResolver.fixed(database)).clock(clock)
                .settings(settings.twilioEndpoint(sms).nexmoEndpoint(sms).build()).meterRegistry(meters).build();
        int port = smtp.getSmtp().getPort();
        Map<String, TenantContext> tenants = Map.of(
                APP, TenantContext.of(config(APP, "master-" + APP, port, """
                          twilio:
                            account_sid: AC123
                            auth_token: twilio-token
                            from: "+15005550006"
                          welcome_email:
                            enabled: true
                            destination: all
                          user_verification:
                            auto_send_on_signup: true
                            login_id_keys:
                              - key: email
                                expiry: 3600
                              - key: phone
                                code_format: numeric
                        """, "")),
                APP_REDIRECT, TenantContext.of(config(APP_REDIRECT, "master-" + APP_REDIRECT, port, """
                          nexmo:
                            api_key: nexmo-key
                            api_secret: nexmo-secret
                            from: Skygear
                          forgot_password:
                            secure_match: true
                            success_redirect: %1$s
                            error_redirect: %2$s
                          user_verification:
                            criteria: all
                            login_id_keys:
                              - key: email
                                success_redirect: %1$s
                                error_redirect: %2$s
                              - key: phone
                                code_format: numeric
                        """.formatted(SUCCESS_URL, ERROR_URL), """
                        template_items:
                          - type: forgot_password_email.txt
                            uri: "data:text/plain;base64,%s"
                        """.formatted(java.util.Base64.getEncoder().encodeToString(
                        "Custom reset for {{email}} at {{appname}}: {{{link}}}".getBytes(StandardCharsets.UTF_8))))),
                APP_REFERENCE, TenantContext.of(config(APP_REFERENCE, "master_key", port, "", "")));
        server = new TestServer()
                .filter(new RequestIdFilter(), "/*")
                .filter(new TenantFilter(r -> Optional.ofNullable(tenants.get(
                        Optional.ofNullable(r.getHeader(APP_HEADER)).orElse(APP)))), "/*")
                .filter(new AccessKeyFilter(), "/*")
                .filter(gear.accessTokenFilter(), "/*")
                .servlet(gear.servlet(), "/_auth/*")
                .start();
    }

    /** Insecure cookies, a fast outbox poll, the default message limits. */
    static AuthSettings.Builder settings() {
        return AuthSettings.builder().insecureCookie(true).outboxPollInterval(Duration.ofMillis(50));
    }

    static MessagingFixture start() {
        return new MessagingFixture(settings());
    }

    static MessagingFixture start(AuthSettings.Builder settings) {
        return new MessagingFixture(settings);
    }

    private static TenantConfig config(String appId, String masterKey, int smtpPort, String userConfig, String top) {
        return TenantConfig.parseYaml("""
                version: "1"
                app_id: %1$s
                app_name: %1$s
                app_config:
                  database_url: postgres://localhost/unused
                  database_schema: app
                user_config:
                  master_key: %2$s
                  clients:
                    - id: web
                      name: Web
                      api_key: api-key-%1$s
                      session_transport: header
                  auth:
                    authentication_session:
                      secret: authn-secret-%1$s
                    login_id_keys:
                      - key: email
                        type: email
                      - key: phone
                        type: phone
                      - key: username
                        type: raw
                  password_policy:
                    min_length: 6
                  hook:
                    secret: hook-secret-%1$s
                  asset:
                    secret: asset-secret-%1$s
                  smtp:
                    host: 127.0.0.1
                    port: %3$d
                """.formatted(appId, masterKey, smtpPort) + userConfig + top);
    }

    /** {@code X-Test-App} and the API key of {@code appId}. */
    static String[] key(String appId) {
        return new String[] {APP_HEADER, appId, "X-Skygear-API-Key", "api-key-" + appId};
    }

    static String[] bearer(String appId, String token) {
        return new String[] {APP_HEADER, appId, "X-Skygear-API-Key", "api-key-" + appId, "Authorization", "Bearer " + token};
    }

    /** A fresh e-mail address, unique within the run. */
    static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** A fresh phone number, unique within the run (Hong Kong mobile range). */
    static String uniquePhone() {
        return "+8526" + String.format("%07d", (int) (Math.random() * 10_000_000));
    }

    Reply post(String path, String json, String... headers) {
        return reply(server.postJson(path, json, headers));
    }

    Reply get(String pathOrUrl, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(pathOrUrl)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return reply(server.send(request.build()));
    }

    /** An HTML form POST ({@code application/x-www-form-urlencoded}). */
    Reply postForm(String pathOrUrl, Map<String, String> fields, String... headers) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(pathOrUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return reply(server.send(request.build()));
    }

    private URI resolve(String pathOrUrl) {
        return pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : server.uri(pathOrUrl);
    }

    /** Signs up with {@code loginIds} (key → value) in {@code appId}; returns the result node. */
    JsonNode signup(String appId, Map<String, String> loginIds) {
        String ids = loginIds.entrySet().stream()
                .map(e -> "{\"key\":\"" + e.getKey() + "\",\"value\":\"" + e.getValue() + "\"}")
                .collect(Collectors.joining(","));
        Reply reply = post("/_auth/signup", "{\"login_ids\":[" + ids + "],\"password\":\"" + PASSWORD + "\"}", key(appId));
        if (reply.status() != 200) {
            throw new AssertionError("signup: " + reply.status() + " " + reply.body());
        }
        return reply.json().get("result");
    }

    /**
     * The e-mails received for {@code to}, waiting (bounded) until there are at least {@code count}.
     */
    List<MimeMessage> mailsTo(String to, int count) {
        return mailsTo(to, "", count);
    }

    /** {@link #mailsTo(String, int)} of the e-mails whose subject is {@code subject} (any when empty). */
    List<MimeMessage> mailsTo(String to, String subject, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<MimeMessage> mails = Arrays.stream(smtp.getReceivedMessages())
                    .filter(m -> recipient(m).equalsIgnoreCase(to))
                    .filter(m -> subject.isEmpty() || subject.equals(subject(m))).toList();
            if (mails.size() >= count || System.nanoTime() > deadline) {
                return mails;
            }
            sleep();
        }
    }

    /** The SMS requests to {@code to}, waiting (bounded) until there are at least {@code count}. */
    List<SmsProvider.Request> smsTo(String to, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<SmsProvider.Request> found = sms.requests.stream().filter(r -> to.equals(r.to())).toList();
            if (found.size() >= count || System.nanoTime() > deadline) {
                return found;
            }
            sleep();
        }
    }

    /** The plain-text part of {@code mail}. */
    static String text(MimeMessage mail) {
        return part(mail, "text/plain");
    }

    /** The HTML part of {@code mail}. */
    static String html(MimeMessage mail) {
        return part(mail, "text/html");
    }

    private static String part(MimeMessage mail, String type) {
        try {
            Object content = mail.getContent();
            if (content instanceof String s) {
                return mail.isMimeType(type) ? s : "";
            }
            Multipart multipart = (Multipart) content;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType(type)) {
                    return (String) part.getContent();
                }
            }
            return "";
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The first {@code http(s)://…} link in {@code text} that contains {@code path}. */
    static String link(String text, String path) {
        Matcher m = Pattern.compile("https?://\\S+").matcher(text);
        while (m.find()) {
            if (m.group().contains(path)) {
                return m.group();
            }
        }
        throw new AssertionError("no link to " + path + " in: " + text);
    }

    /** Query parameter {@code name} of {@code url}. */
    static String query(String url, String name) {
        String query = URI.create(url).getRawQuery();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + url);
    }

    /** The JSON of {@code x-skygear-redirect-data} of a redirect {@code location}. */
    static JsonNode redirectData(String location) {
        return Json.mapper().readTree(java.util.Base64.getUrlDecoder().decode(query(location, "x-skygear-redirect-data")));
    }

    long count(String sql, Object... binds) {
        return ((Number) database.dsl().fetchValue(sql, binds)).longValue();
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** {@link #count}, polled (bounded) until it reaches {@code expected}: a row is settled just after its send. */
    long awaitCount(long expected, String sql, Object... binds) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long n;
        while ((n = count(sql, binds)) < expected && System.nanoTime() < deadline) {
            sleep();
        }
        return n;
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        server.close();
        gear.close();
        smsServer.close();
        smtp.stop();
        database.close();
    }

    static Reply reply(HttpResponse<String> response) {
        return new Reply(response.statusCode(), response.body(), response.headers().map());
    }
}
