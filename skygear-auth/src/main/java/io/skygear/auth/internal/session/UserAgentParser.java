package io.skygear.auth.internal.session;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small user-agent parser for what Skygear clients send: the common browsers and operating
 * systems, okhttp (Android SDK), CFNetwork (iOS apps), node and command-line HTTP clients. Names follow
 * ua-parser (which the original used), e.g. {@code Chrome Mobile}, {@code Mobile Safari},
 * {@code Mac OS X}; anything unrecognised stays empty rather than guessed. Versions keep up to three
 * components for the agent and four for the OS, dot-separated.
 */
public final class UserAgentParser {

    /** Only the start of a header is parsed; the patterns are linear, this just bounds the work. */
    private static final int MAX_PARSED_LENGTH = 512;

    private static final String V3 = "(\\d+)(?:[._](\\d+))?(?:[._](\\d+))?";

    private record Rule(Pattern pattern, Function<Matcher, String> name) {
        static Rule of(String regex, String name) {
            return new Rule(Pattern.compile(regex), m -> name);
        }
    }

    /** Agents, most specific first: Edge, Opera and Samsung claim to be Chrome; Chrome claims Safari. */
    private static final List<Rule> AGENTS = List.of(
            Rule.of("\\bEdg(?:e|A|iOS)?/" + V3, "Edge"),
            Rule.of("\\bOPR/" + V3, "Opera"),
            Rule.of("\\bSamsungBrowser/" + V3, "Samsung Internet"),
            Rule.of("\\bCriOS/" + V3, "Chrome Mobile iOS"),
            Rule.of("\\bFxiOS/" + V3, "Firefox iOS"),
            Rule.of("\\bAndroid\\b.*\\bFirefox/" + V3, "Firefox Mobile"),
            Rule.of("\\bFirefox/" + V3, "Firefox"),
            Rule.of("; wv\\).*\\bChrome/" + V3, "Chrome Mobile WebView"),
            Rule.of("\\bAndroid\\b.*\\bChrome/" + V3 + "[\\d.]* Mobile", "Chrome Mobile"),
            Rule.of("\\bChrome/" + V3, "Chrome"),
            Rule.of("\\bMSIE " + V3, "IE"),
            Rule.of("\\bTrident/.*\\brv:" + V3, "IE"),
            Rule.of("\\bVersion/" + V3 + "[\\d.]* Mobile/\\S+ Safari/", "Mobile Safari"),
            Rule.of("\\bVersion/" + V3 + "[\\d.]* Safari/", "Safari"),
            Rule.of("\\bokhttp/" + V3, "okhttp"),
            Rule.of("\\bnode-fetch/" + V3, "node-fetch"),
            Rule.of("(?:\\bNode\\.js/|^node/)v?" + V3, "Node.js"),
            // "MyApp/1.2 CFNetwork/978.0.7 Darwin/18.7.0": the app is the agent, as in ua-parser
            new Rule(Pattern.compile("^([^/\\s]+)/" + V3 + "\\S* CFNetwork/"), m -> m.group(1)),
            Rule.of("^CFNetwork/" + V3, "CFNetwork"),
            // curl/7.64.0, python-requests/2.22.0, Dalvik/2.1.0 …, but not the "Mozilla/5.0" of browsers
            new Rule(Pattern.compile("^(?!Mozilla/)([A-Za-z][A-Za-z0-9._-]*)/" + V3), m -> m.group(1)));

    private static final Pattern WINDOWS_PHONE = Pattern.compile("\\bWindows Phone(?: OS)? " + V3);
    private static final Pattern WINDOWS = Pattern.compile("\\bWindows NT (\\d+\\.\\d+)");
    private static final Map<String, String> WINDOWS_VERSIONS = Map.of(
            "10.0", "10", "6.3", "8.1", "6.2", "8", "6.1", "7", "6.0", "Vista", "5.2", "XP", "5.1", "XP");
    private static final Pattern IOS = Pattern.compile("\\b(?:iPhone|CPU) OS " + V3);
    private static final Pattern ANDROID = Pattern.compile("\\bAndroid(?:[ /]" + V3 + ")?");
    private static final Pattern MAC = Pattern.compile("\\bMac OS X " + V3 + "(?:[._](\\d+))?");
    private static final Pattern CHROME_OS = Pattern.compile("\\bCrOS \\S+ " + V3);
    private static final Pattern DARWIN = Pattern.compile("\\bCFNetwork/.*\\bDarwin/(\\d+)");
    private static final Pattern PARENTHESES = Pattern.compile("\\(([^)]*)\\)");
    /** Tokens after "Android x;" that are not a device model. */
    private static final Set<String> NOT_MODELS = Set.of("wv", "U", "Mobile", "Tablet");
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2}(?:[-_][A-Za-z]{2})?");

    private UserAgentParser() {
    }

    /** Parses {@code raw} (may be null or empty); {@code deviceName} comes from the extra info. */
    public static UserAgent parse(String raw, String deviceName) {
        String ua = raw == null ? "" : raw;
        String text = ua.length() > MAX_PARSED_LENGTH ? ua.substring(0, MAX_PARSED_LENGTH) : ua;
        String name = "";
        String version = "";
        for (Rule rule : AGENTS) {
            Matcher m = rule.pattern().matcher(text);
            if (m.find()) {
                name = rule.name().apply(m);
                version = version(m, m.groupCount() - 2, 3);
                break;
            }
        }
        String[] os = os(text);
        return new UserAgent(ua, name, version, os[0], os[1], deviceName == null ? "" : deviceName, device(text));
    }

    private static String[] os(String ua) {
        Matcher m;
        if ((m = WINDOWS_PHONE.matcher(ua)).find()) {
            return new String[] {"Windows Phone", version(m, 1, 3)};
        }
        if ((m = WINDOWS.matcher(ua)).find()) {
            return new String[] {"Windows", WINDOWS_VERSIONS.getOrDefault(m.group(1), m.group(1))};
        }
        if ((m = IOS.matcher(ua)).find()) {
            return new String[] {"iOS", version(m, 1, 3)};
        }
        if ((m = ANDROID.matcher(ua)).find()) {
            return new String[] {"Android", version(m, 1, 3)};
        }
        if ((m = MAC.matcher(ua)).find()) {
            return new String[] {"Mac OS X", version(m, 1, 4)};
        }
        if ((m = CHROME_OS.matcher(ua)).find()) {
            return new String[] {"Chrome OS", version(m, 1, 3)};
        }
        if ((m = DARWIN.matcher(ua)).find()) {
            if (ua.contains("x86_64") || ua.contains("Macintosh")) {
                return new String[] {"Mac OS X", ""};
            }
            // Darwin 18 shipped with iOS 12, 19 with iOS 13, …
            int darwin = Integer.parseInt(m.group(1));
            return new String[] {"iOS", darwin > 6 && darwin < 100 ? String.valueOf(darwin - 6) : ""};
        }
        for (String linux : List.of("Ubuntu", "Fedora", "Linux")) {
            if (ua.contains(linux)) {
                return new String[] {linux, ""};
            }
        }
        return new String[] {"", ""};
    }

    private static String device(String ua) {
        for (String apple : List.of("iPhone", "iPad", "iPod")) {
            if (ua.contains(apple)) {
                return "Apple " + apple;
            }
        }
        if (ua.contains("Macintosh")) {
            return "Apple Mac";
        }
        return androidModel(ua).map(model -> {
            if (model.startsWith("SM-")) {
                return "Samsung " + model;
            }
            return model.startsWith("Pixel") ? "Google " + model : model;
        }).orElse("");
    }

    /** The model in "(Linux; Android 9; SM-G960F Build/PPR1)" or "(Linux; Android 10; K)". */
    private static Optional<String> androidModel(String ua) {
        Matcher m = PARENTHESES.matcher(ua);
        while (m.find()) {
            String[] parts = m.group(1).split(";");
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i].trim();
                int build = part.indexOf(" Build/");
                if (build > 0) {
                    return Optional.of(part.substring(0, build).trim());
                }
                String next = i + 1 < parts.length ? parts[i + 1].trim() : "";
                if (part.startsWith("Android") && !next.contains(" Build/") && !next.isEmpty()
                        && !NOT_MODELS.contains(next) && !next.startsWith("rv:") && !LOCALE.matcher(next).matches()) {
                    return Optional.of(next);
                }
            }
        }
        return Optional.empty();
    }

    /** Up to {@code count} dot-joined numeric groups starting at group {@code first}. */
    private static String version(Matcher m, int first, int count) {
        StringBuilder version = new StringBuilder();
        for (int g = first; g < first + count && g <= m.groupCount(); g++) {
            String part = m.group(g);
            if (part == null) {
                break;
            }
            if (!version.isEmpty()) {
                version.append('.');
            }
            version.append(part);
        }
        return version.toString();
    }
}
