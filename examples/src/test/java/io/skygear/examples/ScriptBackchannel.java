package io.skygear.examples;

import com.icegreen.greenmail.util.GreenMail;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.skygear.core.http.Json;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * What a compat script gets from outside the app in real life, served by a JDK HTTP server on loopback:
 * {@code GET /mail?to=<address>} → the e-mails GreenMail received for that address, oldest first, as
 * {@code [{"subject", "text"}]} (the plain-text part); {@code GET /oidc/token?sub=&email=} → an access
 * token of the mock OpenID provider's issuer {@value #ISSUER_ID} for that user, as a native SDK would get
 * it.
 */
final class ScriptBackchannel implements AutoCloseable {

    /** The mock-oauth2-server issuer id the tenant's {@code corp} provider points at. */
    static final String ISSUER_ID = "corp";
    private static final String CLIENT_ID = "corp-client";

    private final HttpServer server;
    private final GreenMail mail;
    private final MockOAuth2Server oidc;

    private ScriptBackchannel(HttpServer server, GreenMail mail, MockOAuth2Server oidc) {
        this.server = server;
        this.mail = mail;
        this.oidc = oidc;
    }

    static ScriptBackchannel start(GreenMail mail, MockOAuth2Server oidc) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ScriptBackchannel backchannel = new ScriptBackchannel(server, mail, oidc);
        server.createContext("/mail", exchange -> backchannel.answer(exchange, "application/json",
                () -> Json.mapper().writeValueAsString(backchannel.mailsTo(param(exchange, "to")))));
        server.createContext("/oidc/token", exchange -> backchannel.answer(exchange, "text/plain",
                () -> backchannel.accessToken(param(exchange, "sub"), param(exchange, "email"))));
        server.start();
        return backchannel;
    }

    /** The base URL the scripts get as {@code SKYGEAR_TEST_HELPER}. */
    URI uri() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    private List<Map<String, String>> mailsTo(String to) throws Exception {
        List<Map<String, String>> found = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            Address[] recipients = message.getRecipients(Message.RecipientType.TO);
            if (recipients != null && Arrays.stream(recipients).anyMatch(a -> a.toString().equalsIgnoreCase(to))) {
                found.add(Map.of("subject", message.getSubject(), "text", plainText(message)));
            }
        }
        return found;
    }

    private static String plainText(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    return (String) part.getContent();
                }
            }
            return "";
        }
        return String.valueOf(content);
    }

    private String accessToken(String subject, String email) {
        return oidc.issueToken(ISSUER_ID, CLIENT_ID, new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT",
                List.of(CLIENT_ID), Map.of("email", email), 3600)).serialize();
    }

    private interface Body {
        String get() throws Exception;
    }

    /** 200 with the body, 400 when a parameter is missing. */
    private void answer(HttpExchange exchange, String contentType, Body body) throws IOException {
        int status;
        byte[] bytes;
        try {
            bytes = body.get().getBytes(StandardCharsets.UTF_8);
            status = 200;
        } catch (IllegalArgumentException e) {
            bytes = e.getMessage().getBytes(StandardCharsets.UTF_8);
            status = 400;
        } catch (Exception e) {
            bytes = e.toString().getBytes(StandardCharsets.UTF_8);
            status = 500;
        }
        exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String param(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        Map<String, String> params = query == null ? Map.of() : Arrays.stream(query.split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "", (a, b) -> a));
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("query parameter " + name + " is required");
        }
        return value;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
