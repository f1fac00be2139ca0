package io.skygear.auth.internal.hook;

import io.skygear.auth.hook.HookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs signed hook events: JDK {@link HttpClient}, redirects never followed (a 3xx is a failure, as
 * in the original), the whole exchange bounded by the given timeout, response bodies capped.
 * Thread-safe; one instance serves the dispatcher and the outbox worker.
 */
public final class HookHttp {

    /** Before-hook answers are a few hundred bytes; anything past this is refused, not buffered. */
    static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    private final HttpClient client;

    public HookHttp(Duration connectTimeout) {
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    /** Status and body of a hook's answer. */
    record Response(int status, byte[] body) {

        boolean successful() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * Sends {@code body} to {@code url} with {@code Content-Type: application/json} and the signature
     * header, and waits at most {@code timeout} for the complete answer.
     */
    Response post(URI url, byte[] body, String signature, Duration timeout) throws HookDeliveryException {
        String where = describe(url);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(url)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header(HookSignature.HEADER, signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new HookDeliveryException("invalid hook URL " + where);
        }
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client.sendAsync(request, info -> new CappedBody(MAX_RESPONSE_BYTES));
        try {
            HttpResponse<byte[]> response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Response(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new HookDeliveryException("hook " + where + " timed out after " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new HookDeliveryException("interrupted while calling hook " + where);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new HookDeliveryException("hook " + where + " timed out after " + timeout.toMillis() + " ms");
            }
            throw new HookDeliveryException("hook " + where + " failed: " + cause.getClass().getSimpleName(), cause);
        }
    }

    /** The URL without query or fragment, which may carry tokens. */
    static String describe(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    /** Collects a response body up to {@code limit} bytes; a larger body fails the exchange. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final List<ByteBuffer> buffers = new ArrayList<>();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private int size;

        CappedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                size += item.remaining();
                if (size > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new java.io.IOException("response body larger than " + limit + " bytes"));
                    return;
                }
                buffers.add(item);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            byte[] body = new byte[size];
            int offset = 0;
            for (ByteBuffer buffer : buffers) {
                int n = buffer.remaining();
                buffer.get(body, offset, n);
                offset += n;
            }
            result.complete(body);
        }
    }
}
