package io.skygear.bench;

import io.skygear.core.http.Json;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * One HTTP request of a load harness: when it started and ended ({@link System#nanoTime()}), and its
 * status and body, or the transport error that replaced them.
 *
 * @param status HTTP status, 0 when no response arrived
 * @param body   response body ("" when discarded or when no response arrived)
 * @param error  why no response arrived (e.g. {@code timeout}, {@code connect}), "" when one did
 */
record Call(long startNanos, long endNanos, int status, String body, String error) {

    static Call answered(long startNanos, int status, String body) {
        return new Call(startNanos, System.nanoTime(), status, body, "");
    }

    /** A request that got no response: the error is named by kind, not by message, so that it counts. */
    static Call failed(long startNanos, Exception e) {
        String kind = switch (e) {
            case HttpConnectTimeoutException x -> "connect timeout";
            case HttpTimeoutException x -> "timeout";
            case ConnectException x -> "connection refused";
            default -> "io " + e.getClass().getSimpleName();
        };
        return new Call(startNanos, System.nanoTime(), 0, "", kind);
    }

    boolean ok() {
        return status >= 200 && status < 300;
    }

    long nanos() {
        return endNanos - startNanos;
    }

    /** The error this call counts as, e.g. {@code http 429} or {@code timeout}; "" when it succeeded. */
    String errorKind() {
        if (ok()) {
            return "";
        }
        return status == 0 ? error : "http " + status;
    }

    /** {@code result} of the Skygear envelope of a successful call. */
    JsonNode result() {
        return Json.mapper().readTree(body).get("result");
    }
}
