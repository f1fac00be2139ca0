package io.skygear.auth.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.skygear.auth.internal.session.UserAgent;
import io.skygear.auth.internal.session.UserAgentParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The user agents Skygear clients send, parsed into name, version, OS and device model. */
class UserAgentParserTest {

    @ParameterizedTest(name = "{1} {2} on {3} {4}")
    @CsvSource(delimiter = '|', textBlock = """
            Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_6) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/76.0.3809.100 Safari/537.36 | Chrome | 76.0.3809 | Mac OS X | 10.14.6 | Apple Mac
            Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.0.3 Safari/605.1.15 | Safari | 14.0.3 | Mac OS X | 10.15.7 | Apple Mac
            Mozilla/5.0 (iPhone; CPU iPhone OS 12_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1.2 Mobile/15E148 Safari/604.1 | Mobile Safari | 12.1.2 | iOS | 12.4 | Apple iPhone
            Mozilla/5.0 (iPad; CPU OS 13_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/78.0.3904.84 Mobile/15E148 Safari/604.1 | Chrome Mobile iOS | 78.0.3904 | iOS | 13.2 | Apple iPad
            Mozilla/5.0 (Linux; Android 9; SM-G960F Build/PPR1.180610.011) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/74.0.3729.157 Mobile Safari/537.36 | Chrome Mobile | 74.0.3729 | Android | 9 | Samsung SM-G960F
            Mozilla/5.0 (Linux; Android 10; Pixel 3) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/80.0.3987.99 Mobile Safari/537.36 | Chrome Mobile | 80.0.3987 | Android | 10 | Google Pixel 3
            Mozilla/5.0 (Linux; Android 9; SM-G960F Build/PPR1.180610.011; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/74.0.3729.157 Mobile Safari/537.36 | Chrome Mobile WebView | 74.0.3729 | Android | 9 | Samsung SM-G960F
            Mozilla/5.0 (Linux; Android 9; SAMSUNG SM-G960F) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/10.1 Chrome/71.0.3578.99 Mobile Safari/537.36 | Samsung Internet | 10.1 | Android | 9 | SAMSUNG SM-G960F
            Mozilla/5.0 (Android 9; Mobile; rv:68.0) Gecko/68.0 Firefox/68.0 | Firefox Mobile | 68.0 | Android | 9 |
            Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:69.0) Gecko/20100101 Firefox/69.0 | Firefox | 69.0 | Windows | 10 |
            Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/76.0.3809.100 Safari/537.36 Edg/76.0.182.50 | Edge | 76.0.182 | Windows | 10 |
            Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/76.0.3809.100 Safari/537.36 OPR/63.0.3368.43 | Opera | 63.0.3368 | Windows | 7 |
            Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko | IE | 11.0 | Windows | 7 |
            Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; Trident/4.0) | IE | 8.0 | Windows | XP |
            Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/76.0.3809.100 Safari/537.36 | Chrome | 76.0.3809 | Linux | |
            Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:68.0) Gecko/20100101 Firefox/68.0 | Firefox | 68.0 | Ubuntu | |
            Mozilla/5.0 (X11; CrOS x86_64 12499.66.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/77.0.3865.105 Safari/537.36 | Chrome | 77.0.3865 | Chrome OS | 12499.66.0 |
            okhttp/3.12.1 | okhttp | 3.12.1 | | |
            Dalvik/2.1.0 (Linux; U; Android 9; Pixel 3 Build/PQ3A.190801.002) | Dalvik | 2.1.0 | Android | 9 | Google Pixel 3
            MyApp/1.2.3 CFNetwork/978.0.7 Darwin/18.7.0 | MyApp | 1.2.3 | iOS | 12 |
            MyMacApp/2.0 CFNetwork/1120 Darwin/19.0.0 (x86_64) | MyMacApp | 2.0 | Mac OS X | |
            CFNetwork/1120 Darwin/19.0.0 | CFNetwork | 1120 | iOS | 13 |
            node-fetch/1.0 (+https://github.com/bitinn/node-fetch) | node-fetch | 1.0 | | |
            Node.js/12.13.0 | Node.js | 12.13.0 | | |
            curl/7.64.0 | curl | 7.64.0 | | |
            python-requests/2.22.0 | python-requests | 2.22.0 | | |
            Mozilla/5.0 (compatible) | | | | |
            '' | | | | |
            """)
    void parsesCommonUserAgents(String raw, String name, String version, String os, String osVersion, String model) {
        UserAgent ua = UserAgentParser.parse(raw, "");

        // CSV turns empty columns into null
        assertThat(ua).isEqualTo(new UserAgent(orEmpty(raw), orEmpty(name), orEmpty(version), orEmpty(os),
                orEmpty(osVersion), "", orEmpty(model)));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    @Test
    void deviceNameComesFromTheCallerAndRawIsKept() {
        UserAgent ua = UserAgentParser.parse("okhttp/3.12.1", "Chris's Pixel");

        assertThat(ua.raw()).isEqualTo("okhttp/3.12.1");
        assertThat(ua.deviceName()).isEqualTo("Chris's Pixel");
    }

    @Test
    void missingUserAgentIsAllEmpty() {
        assertThat(UserAgentParser.parse(null, null)).isEqualTo(new UserAgent("", "", "", "", "", "", ""));
    }

    @Test
    void hostileUserAgentsParseQuickly() {
        // patterns are linear and only the first 512 characters are looked at
        String hostile = "Mozilla/5.0 (" + "Android ; ".repeat(5_000) + ") Chrome/1.2.3" + " Mobile".repeat(5_000);

        UserAgent ua = UserAgentParser.parse(hostile, "");

        assertThat(ua.raw()).isEqualTo(hostile);
        assertThat(ua.os()).isEqualTo("Android");
    }

    @Test
    void jsonHasTheWireKeys() {
        assertThat(UserAgentParser.parse("curl/7.64.0", "box").toJson()).containsExactly(
                entry("raw", "curl/7.64.0"),
                entry("name", "curl"),
                entry("version", "7.64.0"),
                entry("os", ""),
                entry("os_version", ""),
                entry("device_name", "box"),
                entry("device_model", ""));
    }
}
