package io.skygear.assets.internal.image;

import java.util.List;

/**
 * {@code resize,m_<mode>,w_<n>,h_<n>,l_<n>,s_<n>,color_<RRGGBB>}. A side of 0 is unspecified.
 *
 * @param mode the scaling mode (lfit by default)
 * @param width {@code w_}: target width
 * @param height {@code h_}: target height
 * @param longerSide {@code l_}: target of the original's longer side (width only when strictly wider)
 * @param shorterSide {@code s_}: target of the original's shorter side
 * @param color {@code color_}: pad colour (white by default)
 */
public record ResizeOperation(ScalingMode mode, int width, int height, int longerSide, int shorterSide, RgbColor color)
        implements ImageOperation {

    /**
     * The steps this operation takes on an image of the given size, following the original server
     * exactly: target size from w/h/l/s, box by mode, and nothing at all when it would enlarge.
     */
    List<GeometryStep> steps(int originalWidth, int originalHeight) {
        double aspect = (double) originalWidth / originalHeight;
        boolean landscape = originalWidth > originalHeight;
        int targetWidth = 0;
        int targetHeight = 0;
        if (longerSide != 0) {
            if (landscape) {
                targetWidth = longerSide;
            } else {
                targetHeight = longerSide;
            }
        }
        if (shorterSide != 0) {
            if (landscape) {
                targetHeight = shorterSide;
            } else {
                targetWidth = shorterSide;
            }
        }
        if (width != 0) {
            targetWidth = width;
        }
        if (height != 0) {
            targetHeight = height;
        }
        if (targetWidth == 0 && targetHeight == 0) {
            targetWidth = originalWidth;
            targetHeight = originalHeight;
        }
        if (targetWidth == 0) {
            targetWidth = mode.infersOtherSideFromAspect() ? round(targetHeight * aspect) : targetHeight;
        }
        if (targetHeight == 0) {
            targetHeight = mode.infersOtherSideFromAspect() ? round(targetWidth / aspect) : targetWidth;
        }

        // (w1, h1) and (w2, h2): the original's aspect at the target width, and at the target height
        int w1 = targetWidth;
        int h1 = round(targetWidth / aspect);
        int h2 = targetHeight;
        int w2 = round(targetHeight * aspect);
        boolean firstFits = w1 <= targetWidth && h1 <= targetHeight;
        boolean firstCovers = w1 >= targetWidth && h1 >= targetHeight;

        return switch (mode) {
            case LFIT -> scaleOnly(firstFits ? w1 : w2, originalWidth, originalHeight);
            case MFIT -> scaleOnly(firstCovers ? w1 : w2, originalWidth, originalHeight);
            case FILL -> {
                int contentWidth = firstCovers ? w1 : w2;
                int contentHeight = firstCovers ? h1 : h2;
                if (contentWidth >= originalWidth) {
                    yield List.of();
                }
                GeometryStep.Scale scale = scaled(contentWidth, originalWidth, originalHeight);
                if (contentWidth <= targetWidth && contentHeight <= targetHeight) {
                    yield List.of(scale);
                }
                int left = contentWidth > targetWidth ? (contentWidth - targetWidth) / 2 : 0;
                int top = contentHeight > targetHeight ? (contentHeight - targetHeight) / 2 : 0;
                yield List.of(scale, new GeometryStep.Crop(left, top, targetWidth, targetHeight));
            }
            case PAD -> {
                int contentWidth = firstFits ? w1 : w2;
                int contentHeight = firstFits ? h1 : h2;
                if (contentWidth >= originalWidth) {
                    yield List.of();
                }
                GeometryStep.Scale scale = scaled(contentWidth, originalWidth, originalHeight);
                if (targetWidth <= contentWidth && targetHeight <= contentHeight) {
                    yield List.of(scale);
                }
                int left = Math.max(0, (targetWidth - contentWidth) / 2);
                int top = Math.max(0, (targetHeight - contentHeight) / 2);
                yield List.of(scale, new GeometryStep.Pad(left, top, targetWidth, targetHeight, color));
            }
            case FIXED -> targetWidth > originalWidth || targetHeight > originalHeight
                    || targetWidth == originalWidth && targetHeight == originalHeight
                    ? List.of()
                    : List.of(new GeometryStep.Scale(targetWidth, targetHeight));
        };
    }

    /** lfit/mfit: scale = content width / original width, nothing when that is 1 or more. */
    private static List<GeometryStep> scaleOnly(int contentWidth, int originalWidth, int originalHeight) {
        return contentWidth >= originalWidth ? List.of() : List.of(scaled(contentWidth, originalWidth, originalHeight));
    }

    /** The size libvips' resize by {@code contentWidth / originalWidth} produces. */
    private static GeometryStep.Scale scaled(int contentWidth, int originalWidth, int originalHeight) {
        double scale = (double) contentWidth / originalWidth;
        return new GeometryStep.Scale(Math.max(1, contentWidth), Math.max(1, round(originalHeight * scale)));
    }

    /** Go's math.Round: half away from zero (all values here are positive). */
    private static int round(double value) {
        return (int) Math.floor(value + 0.5);
    }
}
