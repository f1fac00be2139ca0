package io.skygear.assets.internal.image;

/** One step of a pipeline: {@code format,…}, {@code quality,…} or {@code resize,…}. */
public sealed interface ImageOperation permits FormatOperation, QualityOperation, ResizeOperation {
}
