package io.skygear.examples;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the example apps release what they started: in list order, each one even if another fails. */
public final class Shutdown {

    private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

    private Shutdown() {}

    /** Closes every resource in order (the server first, PostgreSQL last), then empties the list. */
    public static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("error while shutting down: {}", e.toString());
            }
        }
        resources.clear();
    }
}
