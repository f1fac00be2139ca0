package io.skygear.core.internal.db;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A PostgreSQL URL in one of the forms the original accepted ({@code postgres://user:pass@host:port/db?sslmode=…},
 * {@code postgresql://…}) or in JDBC form ({@code jdbc:postgresql://host:port/db?…}), split into the parts we need:
 * the JDBC URL, the credentials carried in the URL, and the host list for overrides.
 *
 * @param hosts    comma-separated {@code host[:port]} entries, as written
 * @param database the database name, as written (may be empty: the server then uses the user name)
 * @param query    the query string without {@code ?}, passed to the driver as is (may be empty)
 * @param user     user from the URL's user info, or null
 * @param password password from the URL's user info, or null
 */
public record PostgresUrl(String hosts, String database, String query, String user, String password) {

    private static final String JDBC = "jdbc:postgresql://";

    /** Parses {@code url}; the message of the {@link IllegalArgumentException} says what is wrong. */
    public static PostgresUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        String rest;
        boolean jdbc = url.startsWith(JDBC);
        if (jdbc) {
            rest = url.substring(JDBC.length());
        } else if (url.startsWith("postgres://")) {
            rest = url.substring("postgres://".length());
        } else if (url.startsWith("postgresql://")) {
            rest = url.substring("postgresql://".length());
        } else {
            throw new IllegalArgumentException(
                    "must start with jdbc:postgresql://, postgres:// or postgresql:// (got " + redact(url) + ")");
        }
        int authorityEnd = indexOfAny(rest, "/?");
        String authority = rest.substring(0, authorityEnd);
        String pathAndQuery = rest.substring(authorityEnd);
        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            if (jdbc) {
                throw new IllegalArgumentException(
                        "a jdbc:postgresql URL cannot carry user:password@; use the user and password properties");
            }
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        if (authority.isEmpty() || Arrays.stream(authority.split(",", -1)).anyMatch(h -> hostOf(h).isEmpty())) {
            throw new IllegalArgumentException("has no host (expected …://host[:port]/database)");
        }
        for (String host : authority.split(",")) {
            String port = portOf(host);
            if (port != null && !port.matches("[0-9]{1,5}")) {
                throw new IllegalArgumentException("has an invalid port: " + port);
            }
        }
        String database = "";
        String query = "";
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        if (q >= 0) {
            query = pathAndQuery.substring(q + 1);
        }
        if (path.startsWith("/")) {
            database = path.substring(1);
        }
        return new PostgresUrl(authority, database, query, user, password);
    }

    /** The URL for the PostgreSQL JDBC driver, without credentials unless the query carries them. */
    public String jdbcUrl() {
        return JDBC + hosts + "/" + database + (query.isEmpty() ? "" : "?" + query);
    }

    /** The URL without credentials and without the query string, safe for logs and reports. */
    public String redacted() {
        return JDBC + hosts + "/" + database;
    }

    /** The same URL with every host replaced by {@code host}, each keeping its port. */
    public PostgresUrl withHost(String host) {
        if (host == null || host.isBlank() || host.matches(".*[/?@,\\s].*")) {
            throw new IllegalArgumentException("invalid host override: " + host);
        }
        String replaced = Arrays.stream(hosts.split(","))
                .map(h -> portOf(h) == null ? host : host + ":" + portOf(h))
                .collect(Collectors.joining(","));
        return new PostgresUrl(replaced, database, query, user, password);
    }

    @Override
    public String toString() {
        return redacted();
    }

    /** Best-effort removal of credentials from a string that did not parse, for error messages. */
    public static String redact(String url) {
        return url.replaceAll("//[^/@]*@", "//***@").replaceAll("(?i)password=[^&]*", "password=***");
    }

    private static String hostOf(String hostAndPort) {
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            return close < 0 ? "" : hostAndPort.substring(0, close + 1);
        }
        int colon = hostAndPort.indexOf(':');
        return colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
    }

    private static String portOf(String hostAndPort) {
        String host = hostOf(hostAndPort);
        return hostAndPort.length() > host.length() && hostAndPort.charAt(host.length()) == ':'
                ? hostAndPort.substring(host.length() + 1)
                : null;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    // user info is percent-encoded; '+' is a literal plus there, not a space
    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
