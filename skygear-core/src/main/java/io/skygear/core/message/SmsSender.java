package io.skygear.core.message;

import io.skygear.core.config.NexmoConfig;
import io.skygear.core.config.TwilioConfig;
import io.skygear.core.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Sends {@link SmsMessage}s through Nexmo (Vonage SMS API, {@code POST /sms/json}) or Twilio
 * ({@code POST /2010-04-01/Accounts/<sid>/Messages.json}) over the JDK's HTTP client. As in the
 * original, Nexmo is preferred when configured (API key and secret), else Twilio (account SID and auth
 * token); a tenant without either uses the host's defaults, in the same order. Endpoints are
 * configurable so that tests (or a proxy) can stand in for the providers. Thread-safe; one per host app.
 *
 * <pre>{@code
 * SmsSender sms = SmsSender.builder().twilioDefaults(hostTwilio).build();
 * sms.send(userConfig.twilio(), userConfig.nexmo(), new SmsMessage("+85223456789", "Your code is 123456"));
 * }</pre>
 */
public final class SmsSender {

    /** The providers' public endpoints. */
    public static final URI TWILIO_ENDPOINT = URI.create("https://api.twilio.com");
    public static final URI NEXMO_ENDPOINT = URI.create("https://rest.nexmo.com");

    private final TwilioConfig twilioDefaults;
    private final NexmoConfig nexmoDefaults;
    private final URI twilioEndpoint;
    private final URI nexmoEndpoint;
    private final Duration timeout;
    private final HttpClient http;

    private SmsSender(Builder b) {
        this.twilioDefaults = b.twilioDefaults;
        this.nexmoDefaults = b.nexmoDefaults;
        this.twilioEndpoint = b.twilioEndpoint;
        this.nexmoEndpoint = b.nexmoEndpoint;
        this.timeout = b.timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends {@code message} with the tenant's Nexmo or Twilio settings (either may be null), else the host's.
     *
     * @throws MessageException not retryable without a usable provider or when the provider refuses the
     *                          message (4xx, Nexmo status other than throttling); retryable otherwise
     */
    public void send(TwilioConfig twilio, NexmoConfig nexmo, SmsMessage message) {
        if (usable(nexmo)) {
            sendNexmo(nexmo, message);
        } else if (usable(twilio)) {
            sendTwilio(twilio, message);
        } else if (usable(nexmoDefaults)) {
            sendNexmo(nexmoDefaults, message);
        } else if (usable(twilioDefaults)) {
            sendTwilio(twilioDefaults, message);
        } else {
            throw new MessageException("sms: no available SMS client", false);
        }
    }

    private void sendTwilio(TwilioConfig twilio, SmsMessage message) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("From", Objects.requireNonNullElse(twilio.from(), ""));
        form.put("To", message.to());
        form.put("Body", message.body());
        URI uri = twilioEndpoint.resolve("/2010-04-01/Accounts/"
                + URLEncoder.encode(twilio.accountSid(), StandardCharsets.UTF_8) + "/Messages.json");
        String basic = Base64.getEncoder().encodeToString(
                (twilio.accountSid() + ":" + twilio.authToken()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = post(uri, form, Optional.of("Basic " + basic), "twilio");
        if (response.statusCode() / 100 != 2) {
            String reason = field(response.body(), "message").orElse("HTTP " + response.statusCode());
            throw new MessageException("sms: twilio refused the message: " + reason, retryable(response.statusCode()));
        }
    }

    private void sendNexmo(NexmoConfig nexmo, SmsMessage message) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", nexmo.apiKey());
        form.put("api_secret", nexmo.apiSecret());
        form.put("from", Objects.requireNonNullElse(nexmo.from(), ""));
        form.put("to", message.to());
        form.put("text", message.body());
        form.put("type", "unicode");
        HttpResponse<String> response = post(nexmoEndpoint.resolve("/sms/json"), form, Optional.empty(), "nexmo");
        if (response.statusCode() / 100 != 2) {
            throw new MessageException("sms: nexmo answered HTTP " + response.statusCode(), retryable(response.statusCode()));
        }
        JsonNode messages = tree(response.body()).map(t -> t.path("messages")).orElse(null);
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new MessageException("sms: nexmo sent no message", true);
        }
        for (JsonNode m : messages) {
            String status = m.path("status").asString("");
            if (!"0".equals(status)) {
                // 1 = throttled: try again later; anything else is about this message or account
                throw new MessageException("sms: nexmo refused the message: status " + status + " "
                        + m.path("error-text").asString(""), "1".equals(status));
            }
        }
    }

    private HttpResponse<String> post(URI uri, Map<String, String> form, Optional<String> authorization, String provider) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        authorization.ifPresent(a -> request.header("Authorization", a));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MessageException("sms: " + provider + " unreachable: " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessageException("sms: interrupted while sending through " + provider, true, e);
        }
    }

    private static boolean retryable(int status) {
        return status == 429 || status >= 500;
    }

    private static Optional<JsonNode> tree(String body) {
        try {
            return Optional.ofNullable(Json.mapper().readTree(body));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> field(String body, String name) {
        return tree(body).map(t -> t.path(name).asString("")).filter(s -> !s.isEmpty());
    }

    private static boolean usable(TwilioConfig c) {
        return c != null && present(c.accountSid()) && present(c.authToken());
    }

    private static boolean usable(NexmoConfig c) {
        return c != null && present(c.apiKey()) && present(c.apiSecret());
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    /** Settings of an {@link SmsSender}; all optional. */
    public static final class Builder {
        private TwilioConfig twilioDefaults;
        private NexmoConfig nexmoDefaults;
        private URI twilioEndpoint = TWILIO_ENDPOINT;
        private URI nexmoEndpoint = NEXMO_ENDPOINT;
        private Duration timeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** The host's Twilio account, for tenants without Nexmo or Twilio settings. */
        public Builder twilioDefaults(TwilioConfig twilio) {
            this.twilioDefaults = twilio;
            return this;
        }

        /** The host's Nexmo account, for tenants without Nexmo or Twilio settings (preferred over Twilio). */
        public Builder nexmoDefaults(NexmoConfig nexmo) {
            this.nexmoDefaults = nexmo;
            return this;
        }

        /** Twilio's base URI; {@link #TWILIO_ENDPOINT} when not set. */
        public Builder twilioEndpoint(URI endpoint) {
            this.twilioEndpoint = Objects.requireNonNull(endpoint, "twilioEndpoint");
            return this;
        }

        /** Nexmo's base URI; {@link #NEXMO_ENDPOINT} when not set. */
        public Builder nexmoEndpoint(URI endpoint) {
            this.nexmoEndpoint = Objects.requireNonNull(endpoint, "nexmoEndpoint");
            return this;
        }

        /** Connecting and the whole request, each; 30 s when not set. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** @throws IllegalArgumentException for endpoints that are not absolute http(s) URIs or a non-positive timeout */
        public SmsSender build() {
            for (URI endpoint : new URI[] {twilioEndpoint, nexmoEndpoint}) {
                if (!endpoint.isAbsolute() || endpoint.getHost() == null
                        || !(endpoint.getScheme().equals("http") || endpoint.getScheme().equals("https"))) {
                    throw new IllegalArgumentException("SMS endpoint must be an absolute http(s) URI: " + endpoint);
                }
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout: must be positive, got " + timeout);
            }
            return new SmsSender(this);
        }
    }
}
