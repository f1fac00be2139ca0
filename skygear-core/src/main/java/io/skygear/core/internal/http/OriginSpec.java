package io.skygear.core.internal.http;

import java.net.Inet6Address;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One entry of an origin spec, {@code [http://|https://]host[:port]} or {@code *}, with the semantics
 * of the original's matcher (iawaknahc/originmatcher, 2019): host is an IPv4 address, a bracketed
 * IPv6 address, one label (e.g. {@code localhost}) or dotted labels where only leading labels may hold
 * one {@code *} and the last two never; without a scheme both http and https match; a missing port
 * means the default port of the origin's scheme.
 */
public sealed interface OriginSpec {

    boolean matches(OriginUrl origin);

    /** Matches any origin Go could parse. */
    record Any() implements OriginSpec {
        @Override
        public boolean matches(OriginUrl origin) {
            return true;
        }
    }

    /** {@code protocol} and {@code port} are empty when not given; exactly one host form is set. */
    record Host(String protocol, String ipv4, String ipv6, Pattern labels, String port) implements OriginSpec {

        @Override
        public boolean matches(OriginUrl origin) {
            boolean schemeMatches = protocol.isEmpty()
                    ? origin.scheme().equals("http") || origin.scheme().equals("https")
                    : protocol.equals(origin.scheme());
            return schemeMatches && hostMatches(origin) && portMatches(origin);
        }

        private boolean hostMatches(OriginUrl origin) {
            String hostname = origin.hostname();
            if (hostname.isEmpty()) {
                return false;
            }
            if (origin.host().startsWith("[")) {
                return hostname.equals(ipv6);
            }
            char first = hostname.charAt(0);
            if (first >= '0' && first <= '9') {
                return hostname.equals(ipv4);
            }
            return labels != null && labels.matcher(hostname).matches();
        }

        private boolean portMatches(OriginUrl origin) {
            String actual = origin.port();
            String expected = port;
            String defaultPort = switch (origin.scheme()) {
                case "http" -> "80";
                case "https" -> "443";
                default -> "";
            };
            if (actual.isEmpty()) {
                actual = defaultPort;
            }
            if (expected.isEmpty()) {
                expected = defaultPort;
            }
            return actual.equals(expected);
        }
    }

    Pattern PORT = Pattern.compile(":([0-9]{1,5})");
    Pattern LABEL = Pattern.compile("[a-zA-Z0-9*][-a-zA-Z0-9*]*[a-zA-Z0-9*]?");
    /** Dotted quad; Go's parser of the time allowed leading zeros. */
    Pattern IPV4 = Pattern.compile("0*(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.0*(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    /** @throws IllegalArgumentException if the entry is not a valid spec */
    static OriginSpec parse(String entry) {
        if (entry.equals("*")) {
            return new Any();
        }
        String protocol = "";
        String s = entry;
        if (s.startsWith("http://")) {
            protocol = "http";
            s = s.substring("http://".length());
        } else if (s.startsWith("https://")) {
            protocol = "https";
            s = s.substring("https://".length());
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty host in origin spec \"" + entry + "\"");
        }
        String ipv4 = "";
        String ipv6 = "";
        Pattern labels = null;
        String portPart;
        char first = s.charAt(0);
        if (first == '[') {
            int close = s.indexOf(']');
            if (close < 0 || !isIpv6(s.substring(1, close))) {
                throw new IllegalArgumentException("invalid IPv6 host in origin spec \"" + entry + "\"");
            }
            ipv6 = s.substring(1, close);
            portPart = s.substring(close + 1);
        } else {
            int colon = s.indexOf(':');
            String host = colon < 0 ? s : s.substring(0, colon);
            portPart = colon < 0 ? "" : s.substring(colon);
            if (first >= '0' && first <= '9') {
                if (!IPV4.matcher(host).matches()) {
                    throw new IllegalArgumentException("invalid IPv4 host in origin spec \"" + entry + "\"");
                }
                ipv4 = host;
            } else {
                labels = hostPattern(host, entry);
            }
        }
        String port = "";
        if (!portPart.isEmpty()) {
            var m = PORT.matcher(portPart);
            if (!m.matches() || Integer.parseInt(m.group(1)) > 65535) {
                throw new IllegalArgumentException("invalid port in origin spec \"" + entry + "\"");
            }
            port = m.group(1);
        }
        return new Host(protocol, ipv4, ipv6, labels, port);
    }

    private static boolean isIpv6(String literal) {
        try {
            return !literal.isEmpty() && literal.indexOf('%') < 0 && Inet6Address.ofLiteral(literal) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Pattern hostPattern(String host, String entry) {
        List<String> labels = Arrays.asList(host.split("\\.", -1));
        IllegalArgumentException invalid = new IllegalArgumentException("invalid host in origin spec \"" + entry + "\"");
        if (labels.size() == 1) {
            // a single label: "*" (any single-label host) or a literal such as "localhost"
            String label = labels.getFirst();
            if (label.equals("*")) {
                return Pattern.compile(wildcardLabel(label));
            }
            if (label.indexOf('*') >= 0) {
                throw invalid;
            }
            return Pattern.compile(Pattern.quote(label));
        }
        StringBuilder regex = new StringBuilder();
        boolean starsAllowed = true;
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            long stars = label.chars().filter(c -> c == '*').count();
            boolean lastTwo = i >= labels.size() - 2;
            if (stars > 0 && (!starsAllowed || lastTwo) || stars > 1 || !LABEL.matcher(label).matches()) {
                throw invalid;
            }
            if (stars == 0) {
                starsAllowed = false; // wildcards only in leading labels
            }
            regex.append(i == 0 ? "" : "\\.").append(wildcardLabel(label));
        }
        return Pattern.compile(regex.toString());
    }

    /** A label with at most one {@code *}, as a regex: {@code *} stands for a (partial) DNS label. */
    private static String wildcardLabel(String label) {
        String leading = "[a-zA-Z]";
        String middle = "[-a-zA-Z0-9]*";
        String trailing = "[a-zA-Z0-9]?";
        int star = label.indexOf('*');
        if (star < 0) {
            return Pattern.quote(label);
        }
        String before = label.substring(0, star);
        String after = label.substring(star + 1);
        if (before.isEmpty()) {
            return after.isEmpty() ? leading + middle + trailing : "(" + leading + middle + ")?" + Pattern.quote(after);
        }
        return Pattern.quote(before) + middle + (after.isEmpty() ? trailing : Pattern.quote(after));
    }
}
