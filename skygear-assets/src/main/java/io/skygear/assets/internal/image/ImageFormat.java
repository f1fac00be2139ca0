package io.skygear.assets.internal.image;

/** Output formats of {@code format,<name>}: the original's jpg, png and webp, plus avif. */
public enum ImageFormat {
    JPG("jpg", "image/jpeg", ".jpg"),
    PNG("png", "image/png", ".png"),
    WEBP("webp", "image/webp", ".webp"),
    // libvips 8.14 writes AVIF to a buffer through its HEIF saver with the AV1 codec
    AVIF("avif", "image/avif", ".heif");

    private final String token;
    private final String contentType;
    private final String suffix;

    ImageFormat(String token, String contentType, String suffix) {
        this.token = token;
        this.contentType = contentType;
        this.suffix = suffix;
    }

    /** The name in the pipeline syntax. */
    public String token() {
        return token;
    }

    public String contentType() {
        return contentType;
    }

    /** The file suffix libvips picks its saver by. */
    String suffix() {
        return suffix;
    }

    /** The suffix with saver options: quality for lossy formats, and no metadata. */
    String saveSuffix(int quality) {
        return switch (this) {
            case PNG -> suffix + "[strip]";
            case AVIF -> suffix + "[compression=av1,Q=" + quality + ",strip]";
            case JPG, WEBP -> suffix + "[Q=" + quality + ",strip]";
        };
    }
}
