package io.skygear.testing;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;

/**
 * The container-specific part of {@link TestServer}: one servlet context at {@code /} on an ephemeral
 * loopback port. Registrations happen before {@link #start()}; filters are mapped for
 * {@code REQUEST} dispatch only and everything registered supports async, the way both containers
 * treat programmatic registrations.
 */
sealed interface ServletContainer permits JettyContainer, TomcatContainer {

    /** System property choosing the container: {@code jetty} (default) or {@code tomcat}. */
    String PROPERTY = "skygear.test.container";

    void addFilter(Filter filter, String pathSpec);

    void addServlet(Servlet servlet, String pathSpec);

    void start() throws Exception;

    /** The bound port; valid after {@link #start()}. */
    int port();

    /** Stops the server and removes anything it wrote to disk. */
    void stop() throws Exception;

    /** The container named by {@value #PROPERTY}. */
    static ServletContainer fromSystemProperty() {
        String name = System.getProperty(PROPERTY, "jetty").strip();
        return switch (name) {
            case "", "jetty" -> new JettyContainer();
            case "tomcat" -> new TomcatContainer();
            default -> throw new IllegalArgumentException(
                    PROPERTY + " must be jetty or tomcat, got '" + name + "'");
        };
    }
}
