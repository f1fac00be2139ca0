package io.skygear.assets.internal.image;

/** An 8-bit sRGB colour ({@code color_RRGGBB}). */
public record RgbColor(int red, int green, int blue) {

    public static final RgbColor WHITE = new RgbColor(255, 255, 255);

    double[] toBackground() {
        return new double[] {red, green, blue};
    }
}
