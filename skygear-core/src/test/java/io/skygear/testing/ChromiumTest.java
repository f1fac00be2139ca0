package io.skygear.testing;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@link Chromium} fixture against a real Jetty: open a page, fill and submit a form, read the result. */
class ChromiumTest {

    static TestServer server;
    static Chromium browser;

    @BeforeAll
    static void start() {
        server = new TestServer().servlet(new FormServlet(), "/form").start();
        browser = Chromium.launch();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        server.close();
    }

    @Test
    void fillsAndSubmitsAFormAndReadsTheAnswer() {
        browser.open(server.uri("/form").toString());
        assertThat(browser.evaluate("document.title").asString()).isEqualTo("Form");

        browser.fill("#name", "Ann <b>");
        browser.clickAndWait("#go");

        assertThat(browser.currentUrl()).isEqualTo(server.uri("/form").toString());
        assertThat(browser.text()).contains("Hello Ann <b>");
        assertThat(browser.evaluate("1 + 2").asInt()).isEqualTo(3);
    }

    /** GET: a form; POST: greets the posted name (escaped). */
    static final class FormServlet extends HttpServlet {

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/html; charset=utf-8");
            response.getWriter().write("<!DOCTYPE html><title>Form</title><form method=POST action=form>"
                    + "<input id=name name=name><button id=go type=submit>Go</button></form>");
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/html; charset=utf-8");
            String name = request.getParameter("name").replace("&", "&amp;").replace("<", "&lt;");
            response.getWriter().write("<!DOCTYPE html><title>Done</title><p>Hello " + name + "</p>");
        }
    }
}
