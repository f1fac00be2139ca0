package io.skygear.testing;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.util.modeler.Registry;

/**
 * Embedded Tomcat 11: one context at {@code /} (no web.xml, no default servlet), base directory in
 * a temp dir deleted on {@link #stop()}.
 */
final class TomcatContainer implements ServletContainer {

    static {
        // several servers live in one test JVM at once; their JMX names would collide
        Registry.disableRegistry();
    }

    private final Path baseDir;
    private final Tomcat tomcat = new Tomcat();
    private final Connector connector = new Connector();
    private final Context context;
    private int registrations;
    private boolean defaultServletMapped;

    TomcatContainer() {
        try {
            baseDir = Files.createTempDirectory("skygear-tomcat-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        tomcat.setBaseDir(baseDir.toString());
        synchronized (TomcatContainer.class) {
            // Tomcat reads catalina.home left behind by the previous server and recreates its
            // (deleted) directory; each server gets its own home instead
            System.clearProperty("catalina.home");
            System.clearProperty("catalina.base");
            tomcat.getServer();
        }
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        // like Jetty: "100 Continue" only once the app reads the body, so a body rejected up front
        // (e.g. Content-Length over the JSON limit) is never uploaded
        connector.setProperty("continueResponseTiming", "onRead");
        // a body the app refused unread is drained rather than left in the socket: past the default 2 MiB
        // Tomcat half-closes without reading, and a client still writing (java.net.http) blocks until timeout
        connector.setProperty("maxSwallowSize", "-1");
        tomcat.setConnector(connector);
        context = tomcat.addContext("", null);
    }

    @Override
    public void addFilter(Filter filter, String pathSpec) {
        String name = nextName(filter);
        FilterDef def = new FilterDef();
        def.setFilterName(name);
        def.setFilter(filter);
        def.setAsyncSupported("true");
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName(name);
        map.addURLPatternDecoded(pathSpec);
        map.setDispatcher(DispatcherType.REQUEST.name());
        context.addFilterMap(map);
    }

    @Override
    public void addServlet(Servlet servlet, String pathSpec) {
        String name = nextName(servlet);
        Wrapper wrapper = Tomcat.addServlet(context, name, servlet);
        wrapper.setAsyncSupported(true);
        context.addServletMappingDecoded(pathSpec, name);
        defaultServletMapped |= pathSpec.equals("/");
    }

    @Override
    public void start() throws Exception {
        if (!defaultServletMapped) {
            // Tomcat runs no filter for a path no servlet maps; Jetty maps a 404 servlet at "/" so
            // filters (e.g. the gateway's on "/*") still see every request. Do the same.
            addServlet(new NotFoundServlet(), "/");
        }
        tomcat.start();
        // Tomcat logs a failed context (e.g. a filter whose init threw) and serves 404s; fail instead
        if (context.getState() != LifecycleState.STARTED || connector.getState() != LifecycleState.STARTED) {
            throw new IllegalStateException("Tomcat did not start: context " + context.getState()
                    + ", connector " + connector.getState());
        }
    }

    @Override
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void stop() throws Exception {
        try {
            tomcat.stop();
            tomcat.destroy();
        } finally {
            deleteRecursively(baseDir);
        }
    }

    private static final class NotFoundServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private String nextName(Object component) {
        return component.getClass().getName() + "#" + registrations++;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
