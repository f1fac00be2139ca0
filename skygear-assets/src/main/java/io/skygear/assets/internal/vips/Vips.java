package io.skygear.assets.internal.vips;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Entry point of the libvips binding: whether libvips is loadable, and the probes of what this build
 * can read and write. The library is loaded and {@code vips_init}ed once, on first use, from any
 * thread.
 *
 * <p>Errors: libvips keeps one process-wide error buffer. A failing call takes (copies and clears) it
 * right away, so the message is normally that call's; when two calls fail at the same moment on
 * different threads one exception may carry both texts and the other none.
 */
@SuppressWarnings("restricted") // the point of this package: native calls, enabled by --enable-native-access
public final class Vips {

    private static final ConcurrentMap<String, Boolean> SAVERS = new ConcurrentHashMap<>();

    private Vips() {
    }

    /** True when libvips loaded and initialised. */
    public static boolean available() {
        return VipsLib.unavailableReason() == null;
    }

    /** Why libvips is unavailable, or null when it is available. */
    public static String unavailableReason() {
        return VipsLib.unavailableReason();
    }

    /** The loaded libvips version, e.g. {@code 8.14.1}. */
    public static String version() {
        return VipsLib.get().version;
    }

    /**
     * The libvips loader class that would read this buffer (e.g. {@code VipsForeignLoadJpegBuffer}),
     * from its first bytes, without loading it.
     */
    public static Optional<String> findLoader(MemorySegment buffer) {
        VipsLib lib = VipsLib.get();
        try {
            MemorySegment name = (MemorySegment) lib.findLoadBuffer.invokeExact(buffer, buffer.byteSize());
            if (name.equals(MemorySegment.NULL)) {
                lib.takeError(); // "buffer is not in a known format": not worth keeping
                return Optional.empty();
            }
            return Optional.of(name.reinterpret(Long.MAX_VALUE).getString(0));
        } catch (Throwable t) {
            throw VipsLib.rethrow(t);
        }
    }

    /** True when libvips has an operation of this nickname, e.g. {@code heifload_buffer}. */
    public static boolean hasOperation(String nickname) {
        VipsLib lib = VipsLib.get();
        try (Arena arena = Arena.ofConfined()) {
            return (long) lib.typeFind.invokeExact(arena.allocateFrom("VipsOperation"), arena.allocateFrom(nickname)) != 0;
        } catch (Throwable t) {
            throw VipsLib.rethrow(t);
        }
    }

    /** True when this build can write a buffer for the file suffix, e.g. {@code .avif}. Cached. */
    public static boolean canSave(String suffix) {
        return SAVERS.computeIfAbsent(suffix, Vips::probeSaver);
    }

    private static boolean probeSaver(String suffix) {
        VipsLib lib = VipsLib.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = (MemorySegment) lib.findSaveBuffer.invokeExact(arena.allocateFrom(suffix));
            if (name.equals(MemorySegment.NULL)) {
                lib.takeError();
                return false;
            }
            return true;
        } catch (Throwable t) {
            throw VipsLib.rethrow(t);
        }
    }
}
