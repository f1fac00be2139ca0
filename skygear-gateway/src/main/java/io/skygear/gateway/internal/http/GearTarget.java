package io.skygear.gateway.internal.http;

import io.skygear.gateway.Gear;
import java.net.URI;

/** What serves one version of a gear: a servlet in this process, or a remote base URL to proxy to. */
public sealed interface GearTarget {

    record InProcess(Gear gear) implements GearTarget {
    }

    /** Only the scheme and authority of {@code base} count; the request path is kept, as in the original. */
    record Remote(URI base) implements GearTarget {
    }
}
