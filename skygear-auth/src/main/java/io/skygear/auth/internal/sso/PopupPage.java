package io.skygear.auth.internal.sso;

import io.skygear.core.http.Json;
import java.net.URI;

/**
 * The {@code web_popup} result page: fetches {@code /_auth/sso/config}, and when the callback URL is
 * still allowed there, posts {@code {type: "result", result}} to the opener window (target origin: the
 * callback URL's), else {@code {type: "error", error}}; then {@code {type: "end"}}, and closes itself.
 * The data is embedded as JSON in a non-executable script element, with {@code <} escaped.
 */
final class PopupPage {

    private PopupPage() {
    }

    static String render(String callbackUrl, String resultJson) {
        String data = "{\"callback_url\":" + Json.mapper().writeValueAsString(callbackUrl)
                + ",\"origin\":" + Json.mapper().writeValueAsString(origin(callbackUrl))
                + ",\"result\":" + resultJson + "}";
        return TEMPLATE.replace("%DATA%", data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"));
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static final String TEMPLATE = """
            <!DOCTYPE html>
            <html>
            <head><meta charset="utf-8"><title>Signing in…</title></head>
            <body>
            <script type="application/json" id="skygear-sso-data">%DATA%</script>
            <script>
            (function () {
              var data = JSON.parse(document.getElementById("skygear-sso-data").textContent);
              function allowed(urls) {
                var strip = function (u) { return u.split("#")[0].split("?")[0].toLowerCase(); };
                for (var i = 0; i < urls.length; i++) {
                  if (strip(urls[i]) === strip(data.callback_url)) { return true; }
                }
                return false;
              }
              function finish(authorizedUrls) {
                var opener = window.opener;
                if (!opener) { return; }
                if (allowed(authorizedUrls)) {
                  opener.postMessage({ type: "result", result: data.result }, data.origin);
                } else {
                  opener.postMessage({ type: "error", error: "Unauthorized domain is used" }, "*");
                }
                opener.postMessage({ type: "end" }, "*");
                window.close();
              }
              var xhr = new XMLHttpRequest();
              xhr.onload = function () {
                var urls = [];
                try { urls = JSON.parse(xhr.responseText).result.authorized_urls || []; } catch (e) { urls = []; }
                finish(urls);
              };
              xhr.onerror = function () { finish([]); };
              xhr.open("POST", "/_auth/sso/config");
              xhr.setRequestHeader("Content-Type", "application/json");
              xhr.send("{}");
            })();
            </script>
            </body>
            </html>
            """;
}
