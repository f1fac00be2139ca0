package io.skygear.assets.internal.vips;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.OptionalInt;

/**
 * One libvips image (a {@code VipsImage*} with one reference owned by this object). Operations return
 * new images and leave this one usable; libvips evaluates lazily, so pixels are decoded only when an
 * image is saved. Close every image (try-with-resources); an image is used by one thread at a time.
 */
@SuppressWarnings("restricted") // the point of this package: native calls, enabled by --enable-native-access
public final class VipsImage implements AutoCloseable {

    private final VipsLib lib;
    private MemorySegment handle;

    private VipsImage(VipsLib lib, MemorySegment handle) {
        this.lib = lib;
        this.handle = handle;
    }

    /**
     * Opens an image in a native buffer, reading only its header (pixels are decoded on demand). The
     * buffer must stay alive until this image and all derived from it are closed.
     */
    public static VipsImage newFromBuffer(MemorySegment buffer) {
        VipsLib lib = VipsLib.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment image = (MemorySegment) lib.imageNewFromBuffer.invokeExact(
                    buffer, buffer.byteSize(), arena.allocateFrom(""), MemorySegment.NULL);
            if (image.equals(MemorySegment.NULL)) {
                throw new VipsException("load: " + lib.takeError());
            }
            return new VipsImage(lib, image);
        } catch (Throwable t) {
            throw VipsLib.rethrow(t);
        }
    }

    /**
     * libvips' thumbnail path: loads the buffer with shrink-on-load (JPEG/WebP decode at a fraction of
     * their size), applies the EXIF orientation, and resizes to exactly {@code width}×{@code height}
     * (sizes meant after rotation). {@code loadOptions} go to the loader, e.g. {@code fail_on=truncated}.
     * The buffer must stay alive until this image and all derived from it are closed.
     */
    public static VipsImage thumbnail(MemorySegment buffer, int width, int height, String loadOptions) {
        VipsLib lib = VipsLib.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            int rc = (int) lib.thumbnailBuffer.invokeExact(buffer, buffer.byteSize(), out, width,
                    arena.allocateFrom("height"), height,
                    arena.allocateFrom("size"), VipsLib.SIZE_FORCE,
                    arena.allocateFrom("option_string"), arena.allocateFrom(loadOptions),
                    MemorySegment.NULL);
            return result(lib, rc, out, "thumbnail");
        } catch (Throwable t) {
            throw VipsLib.rethrow(t);
        }
    }

    public int width() {
        return intOf(lib.imageGetWidth);
    }

    public int height() {
        return intOf(lib.imageGetHeight);
    }

    public int bands() {
        return intOf(lib.imageGetBands);
    }

    public boolean hasAlpha() {
        return intOf(lib.imageHasAlpha) != 0;
    }

    /** An integer metadata field such as {@code orientation}, if the image has it. */
    public OptionalInt intField(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment field = arena.allocateFrom(name);
            if ((long) lib.imageGetTypeof.invokeExact(handle(), field) == 0) {
                return OptionalInt.empty();
            }
            MemorySegment value = arena.allocate(JAVA_INT);
            if ((int) lib.imageGetInt.invokeExact(handle(), field, value) != 0) {
                lib.takeError();
                return OptionalInt.empty();
            }
            return OptionalInt.of(value.get(JAVA_INT, 0));
        } catch (Throwable t) {
            throw VipsLib.rethrow(t);
        }
    }

    /** Resamples by independent horizontal and vertical factors (Lanczos3, libvips' default). */
    public VipsImage resize(double hscale, double vscale) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            int rc = (int) lib.resize.invokeExact(handle(), out, hscale,
                    arena.allocateFrom("vscale"), vscale, MemorySegment.NULL);
            return result(lib, rc, out, "resize");
        } catch (Throwable t) {
            throw VipsLib.rethrow(t);
        }
    }

    /** The rectangle at ({@code left}, {@code top}) of the given size. */
    public VipsImage extractArea(int left, int top, int width, int height) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            int rc = (int) lib.extractArea.invokeExact(handle(), out, left, top, width, height, MemorySegment.NULL);
            return result(lib, rc, out, "extract_area");
        } catch (Throwable t) {
            throw VipsLib.rethrow(t);
        }
    }

    /** Places this image at ({@code x}, {@code y}) on a {@code width}×{@code height} canvas of {@code background}. */
    public VipsImage embed(int x, int y, int width, int height, double... background) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            MemorySegment colour = doubleArray(arena, background);
            try {
                int rc = (int) lib.embed.invokeExact(handle(), out, x, y, width, height,
                        arena.allocateFrom("extend"), VipsLib.EXTEND_BACKGROUND,
                        arena.allocateFrom("background"), colour, MemorySegment.NULL);
                return result(lib, rc, out, "embed");
            } finally {
                lib.areaUnref.invokeExact(colour);
            }
        } catch (Throwable t) {
            throw VipsLib.rethrow(t);
        }
    }

    /** Removes the alpha channel by compositing onto {@code background}. */
    public VipsImage flatten(double... background) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            MemorySegment colour = doubleArray(arena, background);
            try {
                int rc = (int) lib.flatten.invokeExact(handle(), out,
                        arena.allocateFrom("background"), colour, MemorySegment.NULL);
                return result(lib, rc, out, "flatten");
            } finally {
                lib.areaUnref.invokeExact(colour);
            }
        } catch (Throwable t) {
            throw VipsLib.rethrow(t);
        }
    }

    /** Applies the EXIF orientation tag and removes it. */
    public VipsImage autorotate() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            int rc = (int) lib.autorot.invokeExact(handle(), out, MemorySegment.NULL);
            return result(lib, rc, out, "autorot");
        } catch (Throwable t) {
            throw VipsLib.rethrow(t);
        }
    }

    /**
     * Computes all pixels into memory now, so that decode errors surface here rather than inside a
     * saver (libvips 8.14's WebP saver leaks its buffers when its input fails mid-way).
     */
    public VipsImage copyMemory() {
        try {
            MemorySegment copy = (MemorySegment) lib.imageCopyMemory.invokeExact(handle());
            if (copy.equals(MemorySegment.NULL)) {
                throw new VipsException("copy_memory: " + lib.takeError());
            }
            return new VipsImage(lib, copy);
        } catch (Throwable t) {
            throw VipsLib.rethrow(t);
        }
    }

    /** Converts to 8-bit sRGB (e.g. a grey image that is to get a coloured border). */
    public VipsImage toSrgb() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            int rc = (int) lib.colourspace.invokeExact(handle(), out, VipsLib.INTERPRETATION_SRGB, MemorySegment.NULL);
            return result(lib, rc, out, "colourspace");
        } catch (Throwable t) {
            throw VipsLib.rethrow(t);
        }
    }

    /**
     * Encodes the image; the saver and its options come from the suffix, e.g. {@code .jpg[Q=80,strip]}.
     * This is where the pixels are computed.
     */
    public byte[] save(String suffix) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bufferOut = arena.allocate(ADDRESS);
            MemorySegment sizeOut = arena.allocate(JAVA_LONG);
            int rc = (int) lib.writeToBuffer.invokeExact(handle(), arena.allocateFrom(suffix),
                    bufferOut, sizeOut, MemorySegment.NULL);
            if (rc != 0) {
                throw new VipsException("save " + suffix + ": " + lib.takeError());
            }
            MemorySegment buffer = bufferOut.get(ADDRESS, 0);
            try {
                return buffer.reinterpret(sizeOut.get(JAVA_LONG, 0)).toArray(JAVA_BYTE);
            } finally {
                lib.gFree.invokeExact(buffer);
            }
        } catch (Throwable t) {
            throw VipsLib.rethrow(t);
        }
    }

    /** Drops this object's reference; idempotent. */
    @Override
    public void close() {
        if (handle != null) {
            MemorySegment h = handle;
            handle = null;
            lib.unref(h);
        }
    }

    private MemorySegment handle() {
        if (handle == null) {
            throw new IllegalStateException("image is closed");
        }
        return handle;
    }

    private int intOf(MethodHandle getter) {
        try {
            return (int) getter.invokeExact(handle());
        } catch (Throwable t) {
            throw VipsLib.rethrow(t);
        }
    }

    private MemorySegment doubleArray(Arena arena, double[] values) throws Throwable {
        MemorySegment array = (MemorySegment) lib.arrayDoubleNew.invokeExact(
                arena.allocateFrom(JAVA_DOUBLE, values), values.length);
        if (array.equals(MemorySegment.NULL)) {
            throw new VipsException("vips_array_double_new failed");
        }
        return array;
    }

    private static VipsImage result(VipsLib lib, int rc, MemorySegment out, String operation) {
        if (rc != 0) {
            throw new VipsException(operation + ": " + lib.takeError());
        }
        return new VipsImage(lib, out.get(ADDRESS, 0));
    }
}
