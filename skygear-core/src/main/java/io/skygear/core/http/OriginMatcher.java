package io.skygear.core.http;

import io.skygear.core.internal.http.OriginSpec;
import io.skygear.core.internal.http.OriginUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code user_config.cors.origin} matcher, compatible with the original's: a comma-separated list
 * (entries are not trimmed) of {@code *} or {@code [http://|https://]host[:port]}. Hosts are IPv4,
 * {@code [IPv6]}, a single label such as {@code localhost}, or dotted labels where leading labels may
 * hold one {@code *} ({@code *.example.com}, {@code a*.b.example.com}) but the last two never. Without
 * a scheme both http and https match; without a port the origin must use its scheme's default port.
 * The empty spec matches nothing. Immutable and thread-safe.
 */
public final class OriginMatcher {

    private final String spec;
    private final List<OriginSpec> entries;

    private OriginMatcher(String spec, List<OriginSpec> entries) {
        this.spec = spec;
        this.entries = entries;
    }

    /** @throws IllegalArgumentException naming the first invalid entry */
    public static OriginMatcher parse(String spec) {
        if (spec.isEmpty()) {
            return new OriginMatcher(spec, List.of());
        }
        List<OriginSpec> entries = new ArrayList<>();
        for (String entry : spec.split(",", -1)) {
            entries.add(OriginSpec.parse(entry));
        }
        return new OriginMatcher(spec, List.copyOf(entries));
    }

    /** Empty for an invalid spec (which the original answered without any CORS header). */
    public static Optional<OriginMatcher> tryParse(String spec) {
        try {
            return Optional.of(parse(spec));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code origin}, an {@code Origin} header value, is allowed. */
    public boolean matches(String origin) {
        return origin != null && OriginUrl.parse(origin)
                .map(url -> entries.stream().anyMatch(entry -> entry.matches(url)))
                .orElse(false);
    }

    @Override
    public String toString() {
        return spec;
    }
}
