package io.skygear.assets.internal.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Removes EXIF, XMP and ICC chunks from an encoded WebP. libvips 8.14.1's WebP saver writes a
 * generated EXIF block even with {@code strip}; this restores what {@code strip} promises.
 */
final class WebpMetadata {

    private static final int VP8X_METADATA_FLAGS = 0x20 | 0x08 | 0x04; // ICC, EXIF, XMP

    private WebpMetadata() {
    }

    /** The WebP without metadata chunks; anything that is not a well-formed RIFF/WEBP comes back as is. */
    static byte[] strip(byte[] webp) {
        if (webp.length < 12 || !ascii(webp, 0).equals("RIFF") || !ascii(webp, 8).equals("WEBP")) {
            return webp;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(webp.length);
        out.write(webp, 0, 12);
        ByteBuffer in = ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN);
        int offset = 12;
        while (offset + 8 <= webp.length) {
            String type = ascii(webp, offset);
            long size = Integer.toUnsignedLong(in.getInt(offset + 4));
            long padded = size + (size & 1);
            if (offset + 8 + padded > webp.length) {
                return webp;
            }
            int length = (int) (8 + padded);
            if (type.equals("VP8X") && size >= 1) {
                byte[] chunk = Arrays.copyOfRange(webp, offset, offset + length);
                chunk[8] = (byte) (chunk[8] & ~VP8X_METADATA_FLAGS);
                out.writeBytes(chunk);
            } else if (!type.equals("EXIF") && !type.equals("XMP ") && !type.equals("ICCP")) {
                out.write(webp, offset, length);
            }
            offset += length;
        }
        byte[] result = out.toByteArray();
        ByteBuffer.wrap(result).order(ByteOrder.LITTLE_ENDIAN).putInt(4, result.length - 8);
        return result;
    }

    private static String ascii(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, StandardCharsets.ISO_8859_1);
    }
}
