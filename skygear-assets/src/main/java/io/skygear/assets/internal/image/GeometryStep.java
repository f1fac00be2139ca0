package io.skygear.assets.internal.image;

/** What one {@code resize} does to the pixels, in order: scale, then crop (fill) or pad (pad). */
sealed interface GeometryStep {

    /** Resample to exactly {@code width}×{@code height}. */
    record Scale(int width, int height) implements GeometryStep {
    }

    /** Keep the {@code width}×{@code height} rectangle at ({@code left}, {@code top}). */
    record Crop(int left, int top, int width, int height) implements GeometryStep {
    }

    /** Centre the image at ({@code left}, {@code top}) on a {@code width}×{@code height} canvas of {@code color}. */
    record Pad(int left, int top, int width, int height, RgbColor color) implements GeometryStep {
    }
}
