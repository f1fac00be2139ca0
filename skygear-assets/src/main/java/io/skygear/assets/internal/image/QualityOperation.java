package io.skygear.assets.internal.image;

/** {@code quality,Q_<1..100>}: the encoder quality (the last one wins; 85 without one). */
public record QualityOperation(int quality) implements ImageOperation {
}
