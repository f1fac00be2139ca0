package io.skygear.assets.internal.vips;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The libvips symbols we call, looked up once. Loading and {@code vips_init} happen in the holder's
 * static initialiser, which the JVM runs exactly once and thread-safely; a failure is remembered as
 * the reason libvips is unavailable instead of being retried on every request.
 */
@SuppressWarnings("restricted") // the point of this package: native calls, enabled by --enable-native-access
final class VipsLib {

    /** Override for the library to load (a path or a name the dynamic linker finds). */
    static final String LIBRARY_PROPERTY = "skygear.vips.library";
    private static final List<String> DEFAULT_NAMES = List.of("libvips.so.42", "libvips.42.dylib");
    private static final int MIN_MAJOR = 8;
    private static final int MIN_MINOR = 13;

    private static final Logger LOG = LoggerFactory.getLogger(Vips.class);
    private static final int G_LOG_LEVEL_WARNING = 1 << 4;

    // enum values of libvips 8.x headers (stable across 8.x)
    static final int SIZE_FORCE = 3;
    static final int EXTEND_BACKGROUND = 5;
    static final int INTERPRETATION_SRGB = 22;

    final MethodHandle errorBufferCopy;
    final MethodHandle gFree;
    final MethodHandle gObjectUnref;
    final MethodHandle findLoadBuffer;
    final MethodHandle findSaveBuffer;
    final MethodHandle typeFind;
    final MethodHandle imageNewFromBuffer;
    final MethodHandle imageCopyMemory;
    final MethodHandle thumbnailBuffer;
    final MethodHandle imageGetWidth;
    final MethodHandle imageGetHeight;
    final MethodHandle imageGetBands;
    final MethodHandle imageHasAlpha;
    final MethodHandle imageGetTypeof;
    final MethodHandle imageGetInt;
    final MethodHandle resize;
    final MethodHandle extractArea;
    final MethodHandle embed;
    final MethodHandle flatten;
    final MethodHandle autorot;
    final MethodHandle colourspace;
    final MethodHandle writeToBuffer;
    final MethodHandle arrayDoubleNew;
    final MethodHandle areaUnref;
    final String version;

    private VipsLib(SymbolLookup lookup) throws Throwable {
        Linker linker = Linker.nativeLinker();
        Binder b = new Binder(linker, lookup);
        MethodHandle init = b.fn("vips_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        MethodHandle versionOf = b.fn("vips_version", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        errorBufferCopy = b.fn("vips_error_buffer_copy", FunctionDescriptor.of(ADDRESS));
        gFree = b.fn("g_free", FunctionDescriptor.ofVoid(ADDRESS));
        gObjectUnref = b.fn("g_object_unref", FunctionDescriptor.ofVoid(ADDRESS));
        findLoadBuffer = b.fn("vips_foreign_find_load_buffer", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG));
        findSaveBuffer = b.fn("vips_foreign_find_save_buffer", FunctionDescriptor.of(ADDRESS, ADDRESS));
        typeFind = b.fn("vips_type_find", FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS));
        // variadic functions: the fixed arguments, then name/value option pairs and a NULL terminator
        imageNewFromBuffer = b.variadic("vips_image_new_from_buffer",
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS), 3);
        thumbnailBuffer = b.variadic("vips_thumbnail_buffer", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT,
                ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS), 4);
        imageCopyMemory = b.fn("vips_image_copy_memory", FunctionDescriptor.of(ADDRESS, ADDRESS));
        imageGetWidth = b.fn("vips_image_get_width", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        imageGetHeight = b.fn("vips_image_get_height", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        imageGetBands = b.fn("vips_image_get_bands", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        imageHasAlpha = b.fn("vips_image_hasalpha", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        imageGetTypeof = b.fn("vips_image_get_typeof", FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS));
        imageGetInt = b.fn("vips_image_get_int", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        resize = b.variadic("vips_resize", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, JAVA_DOUBLE, ADDRESS, JAVA_DOUBLE, ADDRESS), 3);
        extractArea = b.variadic("vips_extract_area", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), 6);
        embed = b.variadic("vips_embed", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS), 6);
        flatten = b.variadic("vips_flatten", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS), 2);
        autorot = b.variadic("vips_autorot", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS), 2);
        colourspace = b.variadic("vips_colourspace", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, JAVA_INT, ADDRESS), 3);
        writeToBuffer = b.variadic("vips_image_write_to_buffer", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS), 4);
        arrayDoubleNew = b.fn("vips_array_double_new", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
        areaUnref = b.fn("vips_area_unref", FunctionDescriptor.ofVoid(ADDRESS));
        MethodHandle cacheSetMax = b.fn("vips_cache_set_max", FunctionDescriptor.ofVoid(JAVA_INT));
        MethodHandle cacheSetMaxMem = b.fn("vips_cache_set_max_mem", FunctionDescriptor.ofVoid(JAVA_LONG));
        MethodHandle cacheSetMaxFiles = b.fn("vips_cache_set_max_files", FunctionDescriptor.ofVoid(JAVA_INT));
        MethodHandle blockUntrusted = b.fn("vips_block_untrusted_set", FunctionDescriptor.ofVoid(JAVA_INT));
        MethodHandle setLogHandler = b.fn("g_log_set_handler", FunctionDescriptor.of(JAVA_INT,
                ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        b.requireAll();

        int major = (int) versionOf.invokeExact(0);
        int minor = (int) versionOf.invokeExact(1);
        int micro = (int) versionOf.invokeExact(2);
        version = major + "." + minor + "." + micro;
        if (major < MIN_MAJOR || major == MIN_MAJOR && minor < MIN_MINOR) {
            throw new VipsException("libvips " + version + " is too old; 8.13 or newer is required");
        }
        try (Arena arena = Arena.ofConfined()) {
            if ((int) init.invokeExact(arena.allocateFrom("skygear")) != 0) {
                throw new VipsException("vips_init failed: " + takeError());
            }
        }
        // Every request brings a new buffer, so the operation cache would only hold memory (and could
        // match a recycled buffer address); per-image threads stay at libvips' default (VIPS_CONCURRENCY
        // or the number of cores), and ImageProcessor bounds how many images run at once.
        cacheSetMax.invokeExact(0);
        cacheSetMaxMem.invokeExact(0L);
        cacheSetMaxFiles.invokeExact(0);
        // Refuse loaders libvips marks untrusted (ImageMagick, MATLAB, FITS...) even if a caller asks.
        blockUntrusted.invokeExact(1);
        // libvips warns on stderr about every bad tile of a corrupt upload; the failure itself reaches
        // the caller as an exception, so the warnings go to the log at debug level instead.
        MemorySegment handler = linker.upcallStub(
                MethodHandles.lookup().findStatic(VipsLib.class, "logWarning",
                        MethodType.methodType(void.class, MemorySegment.class, int.class, MemorySegment.class, MemorySegment.class)),
                FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS, ADDRESS), Arena.global());
        int handlerId = (int) setLogHandler.invokeExact(Arena.global().allocateFrom("VIPS"), G_LOG_LEVEL_WARNING, handler,
                MemorySegment.NULL);
    }

    /** GLogFunc for the VIPS domain; runs on libvips' threads, so it must never throw. */
    private static void logWarning(MemorySegment domain, int level, MemorySegment message, MemorySegment userData) {
        try {
            if (LOG.isDebugEnabled()) {
                LOG.debug("libvips: {}", message.reinterpret(Long.MAX_VALUE).getString(0));
            }
        } catch (Throwable ignored) {
            // a log line is not worth crashing the JVM from a native thread
        }
    }

    /** The loaded library; throws {@link VipsException} with the reason when it is unavailable. */
    static VipsLib get() {
        VipsLib lib = Holder.LIB;
        if (lib == null) {
            throw new VipsException(Holder.FAILURE);
        }
        return lib;
    }

    /** Null when libvips loaded, else why not. */
    static String unavailableReason() {
        return Holder.FAILURE;
    }

    /** Takes (and clears) the text in libvips' global error buffer. */
    String takeError() {
        try {
            MemorySegment text = (MemorySegment) errorBufferCopy.invokeExact();
            if (text.equals(MemorySegment.NULL)) {
                return "";
            }
            try {
                return text.reinterpret(Long.MAX_VALUE).getString(0).strip();
            } finally {
                gFree.invokeExact(text);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void unref(MemorySegment object) {
        try {
            gObjectUnref.invokeExact(object);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException e) {
            return e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new VipsException("native call failed", t);
    }

    private static final class Holder {
        static final VipsLib LIB;
        static final String FAILURE;

        static {
            VipsLib lib = null;
            String failure = null;
            try {
                lib = new VipsLib(lookup());
            } catch (Throwable t) {
                failure = t.getMessage() == null ? t.toString() : t.getMessage();
            }
            LIB = lib;
            FAILURE = failure;
        }

        private static SymbolLookup lookup() {
            String configured = System.getProperty(LIBRARY_PROPERTY);
            List<String> names = configured == null || configured.isBlank() ? DEFAULT_NAMES : List.of(configured);
            List<String> tried = new ArrayList<>();
            for (String name : names) {
                try {
                    return SymbolLookup.libraryLookup(name, Arena.global());
                } catch (IllegalArgumentException e) {
                    tried.add(name);
                }
            }
            throw new VipsException("libvips 8.13+ not found (tried " + String.join(", ", tried)
                    + "); install it (Debian/Ubuntu: apt-get install libvips42) or set -D" + LIBRARY_PROPERTY);
        }
    }

    /** Looks functions up, collecting every missing symbol so one message names them all. */
    private static final class Binder {
        private final Linker linker;
        private final SymbolLookup lookup;
        private final List<String> missing = new ArrayList<>();

        Binder(Linker linker, SymbolLookup lookup) {
            this.linker = linker;
            this.lookup = lookup;
        }

        MethodHandle fn(String name, FunctionDescriptor descriptor) {
            return bind(name, descriptor);
        }

        MethodHandle variadic(String name, FunctionDescriptor descriptor, int firstVariadic) {
            return bind(name, descriptor, Linker.Option.firstVariadicArg(firstVariadic));
        }

        private MethodHandle bind(String name, FunctionDescriptor descriptor, Linker.Option... options) {
            return lookup.find(name)
                    .map(symbol -> linker.downcallHandle(symbol, descriptor, options))
                    .orElseGet(() -> {
                        missing.add(name);
                        return null;
                    });
        }

        void requireAll() {
            if (!missing.isEmpty()) {
                throw new VipsException("libvips lacks " + String.join(", ", missing) + "; 8.13 or newer is required");
            }
        }
    }
}
