package io.skygear.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.testing.TestServer;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ApiErrorHandlerTest {

    static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.MiwK31U8C6MNcuYw7EMsAtjioTwG8oOgG0swJeH738k";

    static final String UNEXPECTED = "{\"error\":{\"name\":\"InternalError\",\"reason\":\"UnexpectedError\","
            + "\"message\":\"unexpected error occurred\",\"code\":500}}\n";

    static final class FailingServlet extends JsonApiServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
            JsonBodyReader.standard().readTree(req); // a body was read: it must not be logged
            switch (req.getPathInfo()) {
                case "/bug" -> throw new IllegalStateException("connect failed for " + TestTenants.MASTER_KEY
                        + " with token " + JWT, new IOException("hook secret " + TestTenants.HOOK_SECRET + " rejected"));
                case "/wrapped" -> throw new ServletException(SkygearException.of(ErrorName.FORBIDDEN, "no"));
                case "/not-found" -> throw SkygearException.of(ErrorName.NOT_FOUND, "user not found");
                case "/unavailable" -> throw SkygearException.of(ErrorName.SERVICE_UNAVAILABLE, "try later");
                case "/committed" -> {
                    resp.setStatus(200);
                    resp.getOutputStream().write("partial".getBytes());
                    resp.flushBuffer();
                    throw new IllegalStateException("late failure");
                }
                default -> resp.sendError(404);
            }
        }
    }

    private static TestServer server;
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    @BeforeAll
    static void start() {
        Logger logger = (Logger) LoggerFactory.getLogger(ApiErrorHandler.class);
        LOG.start();
        logger.addAppender(LOG);
        server = new TestServer()
                .filter(new RequestIdFilter(), "/*")
                .filter(TestTenants.filter(""), "/*")
                .servlet(new FailingServlet(), "/*")
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
        ((Logger) LoggerFactory.getLogger(ApiErrorHandler.class)).detachAppender(LOG);
    }

    @BeforeEach
    void clearLog() {
        synchronized (LOG) {
            LOG.list.clear();
        }
    }

    private static List<ILoggingEvent> events() {
        synchronized (LOG) {
            return new ArrayList<>(LOG.list);
        }
    }

    private static String allText(ILoggingEvent event) {
        StringBuilder sb = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            sb.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                sb.append('\n').append(frame.getSTEAsString());
            }
        }
        return sb.toString();
    }

    @Test
    void unexpectedExceptionIsA500EnvelopeLoggedWithTheRequestIdAndNoSecret() {
        String body = "{\"password\":\"" + TestTenants.WEB_API_KEY + "\"}";
        HttpResponse<String> response = server.postJson("/bug?token=" + JWT, body);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo(UNEXPECTED);
        String requestId = response.headers().firstValue(RequestIdFilter.HEADER).orElseThrow();

        assertThat(events()).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getMDCPropertyMap()).containsEntry("request_id", requestId);
            assertThat(event.getFormattedMessage()).isEqualTo("unexpected error: POST /bug");
            String text = allText(event);
            assertThat(text).contains("java.lang.IllegalStateException: connect failed for ******** with token ********")
                    .contains("java.io.IOException: hook secret ******** rejected")
                    .contains("FailingServlet.doPost")
                    .doesNotContain(TestTenants.MASTER_KEY, JWT, TestTenants.HOOK_SECRET, TestTenants.WEB_API_KEY);
        });
    }

    @Test
    void skygearExceptionIsItsEnvelopeAndNotLogged() {
        HttpResponse<String> response = server.postJson("/not-found", "{}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo(
                "{\"error\":{\"name\":\"NotFound\",\"reason\":\"NotFound\",\"message\":\"user not found\",\"code\":404}}\n");
        assertThat(response.headers().firstValue(RequestIdFilter.HEADER)).isPresent();
        assertThat(events()).isEmpty();
    }

    @Test
    void requestBodyErrorsAreEnvelopesToo() {
        HttpResponse<String> response = server.postJson("/not-found", "{");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"message\":\"invalid request body\"");
        assertThat(events()).isEmpty();
    }

    @Test
    void wrappedSkygearExceptionIsUnwrapped() {
        HttpResponse<String> response = server.postJson("/wrapped", "{}");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo(
                "{\"error\":{\"name\":\"Forbidden\",\"reason\":\"Forbidden\",\"message\":\"no\",\"code\":403}}\n");
    }

    @Test
    void serverErrorsAreWrittenThenLogged() {
        HttpResponse<String> response = server.postJson("/unavailable", "{}");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"error\":{\"name\":\"ServiceUnavailable\",\"reason\":"
                + "\"ServiceUnavailable\",\"message\":\"try later\",\"code\":503}}\n");
        assertThat(events()).singleElement().satisfies(event ->
                assertThat(event.getFormattedMessage()).isEqualTo("server error ServiceUnavailable/ServiceUnavailable: POST /unavailable"));
    }

    @Test
    void afterCommitOnlyTheLogIsWritten() {
        HttpResponse<String> response = server.postJson("/committed", "{}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("partial");
        assertThat(events()).singleElement().satisfies(event -> {
            assertThat(event.getFormattedMessage()).isEqualTo("error after the response was committed: POST /committed");
            assertThat(allText(event)).contains("java.lang.IllegalStateException: late failure");
        });
    }
}
