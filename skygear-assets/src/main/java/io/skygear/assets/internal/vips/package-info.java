/**
 * A small binding to libvips 8.14+ ({@code libvips.so.42}, Debian {@code libvips42}) through the JDK's
 * foreign function API: {@link io.skygear.assets.internal.vips.Vips} (lazy, thread-safe init and
 * probes) and {@link io.skygear.assets.internal.vips.VipsImage} (the handful of operations the image
 * pipeline needs). Its surface mirrors vips-ffm's {@code VImage} so it can be swapped for that library
 * once the registry serves it.
 *
 * <p>Memory: every image holds one GObject reference, dropped by {@code close()}; buffers returned by
 * libvips are copied to the heap and {@code g_free}d at once; call arguments live in a confined arena per
 * call. Input buffers are not copied by libvips, so the caller keeps the native buffer alive (an arena it
 * closes after the images) until the last image derived from it is closed.
 */
package io.skygear.assets.internal.vips;
