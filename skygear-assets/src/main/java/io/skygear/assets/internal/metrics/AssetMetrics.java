package io.skygear.assets.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.skygear.core.error.SkygearException;
import io.skygear.core.internal.metrics.HttpMetrics;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The asset gear's meters, created once per gear. Tags are bounded (endpoint templates, variants,
 * reasons); never asset names, owners or app ids.
 */
public final class AssetMetrics {

    /** How an upload reached the gear. */
    public enum Via {
        DIRECT("direct"), FORM("form");

        private final String tag;

        Via(String tag) {
            this.tag = tag;
        }
    }

    /** What a download served. */
    public enum Variant {
        ORIGINAL("original"), PROCESSED("processed"), UNPROCESSED("unprocessed");

        private final String tag;

        Variant(String tag) {
            this.tag = tag;
        }
    }

    /** Why a pipeline was not rendered. */
    public enum Rejection {
        INVALID("invalid"), UNSUPPORTED("unsupported"), FAILED("failed");

        private final String tag;

        Rejection(String tag) {
            this.tag = tag;
        }
    }

    private final HttpMetrics http;
    private final Meter.MeterProvider<DistributionSummary> uploads;
    private final Meter.MeterProvider<Counter> gets;
    private final Meter.MeterProvider<Timer> pipeline;
    private final Meter.MeterProvider<Counter> rejections;

    public AssetMetrics(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        this.http = new HttpMetrics(registry, "asset");
        this.uploads = DistributionSummary.builder("skygear.asset.uploads").baseUnit("bytes")
                .description("Uploads stored through the gear, by size").withRegistry(registry);
        this.gets = Counter.builder("skygear.asset.gets")
                .description("Downloads served, by variant").withRegistry(registry);
        this.pipeline = Timer.builder("skygear.asset.pipeline.duration")
                .description("Rendering one image pipeline").withRegistry(registry);
        this.rejections = Counter.builder("skygear.asset.pipeline.rejections")
                .description("Pipelines not rendered, by reason").withRegistry(registry);
    }

    /** Meters nowhere: what a gear built without a registry uses. */
    public static AssetMetrics none() {
        return new AssetMetrics(new CompositeMeterRegistry());
    }

    /** One answered {@code /_asset} request. */
    public void requestCompleted(HttpServletRequest request, HttpServletResponse response, SkygearException error,
                                 long startNanos) {
        http.record(request, response, error, startNanos);
    }

    public void uploaded(Via via, long bytes) {
        uploads.withTag("via", via.tag).record(bytes);
    }

    public void served(Variant variant) {
        gets.withTag("variant", variant.tag).increment();
    }

    public void rejected(Rejection reason) {
        rejections.withTag("reason", reason.tag).increment();
    }

    /** Times {@code render}; an empty result is a {@code failed} rendering (and a rejection). */
    public <T> Optional<T> timePipeline(Supplier<Optional<T>> render) {
        long start = System.nanoTime();
        Optional<T> result = render.get();
        pipeline.withTag("result", result.isPresent() ? "processed" : "failed")
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        if (result.isEmpty()) {
            rejected(Rejection.FAILED);
        }
        return result;
    }
}
