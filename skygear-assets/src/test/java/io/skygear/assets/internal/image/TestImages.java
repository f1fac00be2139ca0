package io.skygear.assets.internal.image;

import io.skygear.assets.internal.vips.VipsImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Input images made with ImageIO, crafted headers, and a header reader for any output format. */
final class TestImages {

    private TestImages() {
    }

    /** A photo-like RGB JPEG: gradients plus noise. */
    static byte[] jpeg(int width, int height) {
        return encode(photo(width, height, false), "jpg");
    }

    /** A JPEG of random pixels: large for its size, so a truncated copy fails deep inside decoding. */
    static byte[] noiseJpeg(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(width * 17L + height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return encode(image, "jpg");
    }

    /** A photo-like PNG, with a half-transparent left half when {@code alpha}. */
    static byte[] png(int width, int height, boolean alpha) {
        return encode(photo(width, height, alpha), "png");
    }

    /** A grey PNG (one band). */
    static byte[] greyPng(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = (x * 255 / Math.max(1, width - 1)) & 0xff;
                image.getRaster().setSample(x, y, 0, v);
            }
        }
        return encode(image, "png");
    }

    static byte[] gif(int width, int height) {
        return encode(photo(width, height, false), "gif");
    }

    /** The JPEG with an EXIF APP1 segment carrying only the given orientation, right after SOI. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer exif = ByteBuffer.allocate(36);
        exif.put(new byte[] {(byte) 0xFF, (byte) 0xE1}).putShort((short) 34);
        exif.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        exif.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8); // big-endian TIFF, IFD at 8
        exif.putShort((short) 1); // one entry
        exif.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        exif.putInt(0); // no next IFD
        byte[] out = new byte[jpeg.length + exif.capacity()];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(exif.array(), 0, out, 2, exif.capacity());
        System.arraycopy(jpeg, 2, out, 2 + exif.capacity(), jpeg.length - 2);
        return out;
    }

    /** A valid-looking PNG whose header claims {@code width}×{@code height} but holds a few bytes of data. */
    static byte[] pngClaiming(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height);
        ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[4096]);
        deflater.finish();
        byte[] compressed = new byte[256];
        int n = deflater.deflate(compressed);
        deflater.end();
        chunk(out, "IDAT", Arrays.copyOf(compressed, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** Format (by magic bytes) and dimensions of an encoded image, read back with libvips' header load. */
    static Header header(byte[] encoded) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocateFrom(ValueLayout.JAVA_BYTE, encoded);
            try (VipsImage image = VipsImage.newFromBuffer(buffer)) {
                return new Header(magic(encoded), image.width(), image.height(), image.bands());
            }
        }
    }

    /** Pixel (RGB) at x, y, decoded with ImageIO (JPEG or PNG). */
    static int[] rgb(byte[] encoded, int x, int y) {
        try {
            BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(encoded));
            int argb = image.getRGB(x, y);
            return new int[] {argb >> 16 & 0xff, argb >> 8 & 0xff, argb & 0xff};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String magic(byte[] b) {
        if (b.length > 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return "jpg";
        }
        if (b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "png";
        }
        if (b.length > 12 && ascii(b, 0, 4).equals("RIFF") && ascii(b, 8, 4).equals("WEBP")) {
            return "webp";
        }
        if (b.length > 12 && ascii(b, 4, 4).equals("ftyp") && ascii(b, 8, 4).startsWith("avi")) {
            return "avif";
        }
        return "unknown";
    }

    static boolean contains(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i <= haystack.length - n.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    record Header(String format, int width, int height, int bands) {
    }

    private static String ascii(byte[] b, int from, int length) {
        return new String(b, from, length, StandardCharsets.ISO_8859_1);
    }

    private static BufferedImage photo(int width, int height, boolean alpha) {
        BufferedImage image = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Random random = new Random(width * 31L + height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = clamp(x * 255 / Math.max(1, width) + random.nextInt(32) - 16);
                int g = clamp(y * 255 / Math.max(1, height) + random.nextInt(32) - 16);
                int b = clamp(128 + (int) (64 * Math.sin((x + y) / 17.0)) + random.nextInt(32) - 16);
                int a = alpha && x < width / 2 ? 128 : 255;
                image.setRGB(x, y, a << 24 | r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
