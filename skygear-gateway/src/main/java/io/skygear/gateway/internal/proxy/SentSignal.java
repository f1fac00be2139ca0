package io.skygear.gateway.internal.proxy;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A request body that tells when it has been sent in full, so that the response timeout counts from
 * there: a long upload is not a slow backend.
 */
final class SentSignal implements HttpRequest.BodyPublisher {

    private final HttpRequest.BodyPublisher body;
    private final CompletableFuture<Void> sent = new CompletableFuture<>();

    SentSignal(HttpRequest.BodyPublisher body) {
        this.body = body;
        if (body.contentLength() == 0) {
            // the client may never subscribe to an empty body
            sent.complete(null);
        }
    }

    /** Completes once the last byte of the body went out (at once for an empty body). */
    CompletableFuture<Void> sent() {
        return sent;
    }

    @Override
    public long contentLength() {
        return body.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        body.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer item) {
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
                sent.complete(null);
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                sent.complete(null);
                subscriber.onComplete();
            }
        });
    }
}
