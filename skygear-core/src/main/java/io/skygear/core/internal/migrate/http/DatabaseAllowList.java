package io.skygear.core.internal.migrate.http;

import io.skygear.core.internal.db.PostgresUrl;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;

/**
 * The databases (and host name overrides) a {@code /migrate} caller may name. A URL matches an allowed one
 * when both parse to the same hosts, database, query and credentials, whichever form each is written in
 * ({@code postgres://} or {@code jdbc:postgresql://}); credentials are compared in constant time.
 */
public final class DatabaseAllowList {

    private final List<PostgresUrl> urls;
    private final List<String> hosts;

    private DatabaseAllowList(List<PostgresUrl> urls, List<String> hosts) {
        this.urls = urls;
        this.hosts = hosts;
    }

    /** @throws IllegalArgumentException naming the entry that is not a PostgreSQL URL or host name */
    public static DatabaseAllowList of(List<String> urls, List<String> hosts) {
        List<PostgresUrl> parsed = urls.stream().map(url -> {
            try {
                return PostgresUrl.parse(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("allowDatabaseUrls: " + PostgresUrl.redact(String.valueOf(url))
                        + " " + e.getMessage());
            }
        }).toList();
        for (String host : hosts) {
            if (host == null || host.isBlank() || host.matches(".*[/?@,:\\s].*")) {
                throw new IllegalArgumentException("allowHostnameOverrides: not a host name: " + host);
            }
        }
        return new DatabaseAllowList(parsed, hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
    }

    /**
     * The JDBC form of {@code url} when it is allowed.
     *
     * @param field the request field, for the message
     * @throws IllegalArgumentException {@code <field> not allowed: <url without credentials>}
     */
    public PostgresUrl require(String field, String url) {
        PostgresUrl parsed;
        try {
            parsed = PostgresUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid " + field + ": " + e.getMessage());
        }
        boolean allowed = false;
        for (PostgresUrl candidate : urls) {
            // every entry is compared, so timing does not tell which one matched
            allowed |= sameDatabase(candidate, parsed);
        }
        if (!allowed) {
            throw new IllegalArgumentException(field + " not allowed: " + parsed.redacted());
        }
        return parsed;
    }

    /** @throws IllegalArgumentException unless {@code host} was allowed at construction */
    public void requireHost(String host) {
        if (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("hostname_override not allowed: " + host);
        }
    }

    private static boolean sameDatabase(PostgresUrl a, PostgresUrl b) {
        boolean sameCredentials = MessageDigest.isEqual(bytes(a.user()), bytes(b.user()))
                & MessageDigest.isEqual(bytes(a.password()), bytes(b.password()));
        return a.jdbcUrl().equals(b.jdbcUrl()) & sameCredentials;
    }

    private static byte[] bytes(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
