package io.skygear.assets.storage;

/**
 * Who may read an asset: anyone ({@code public}), or holders of a signed URL ({@code private}). Stored as
 * object metadata {@code access}; a missing or unknown value reads as private, as in the original.
 */
public enum AssetAccess {
    PUBLIC, PRIVATE;

    /** {@code public} or {@code private}, as on the wire and in object metadata. */
    public String wireName() {
        return this == PUBLIC ? "public" : "private";
    }

    /** Anything but exactly {@code public} is private. */
    public static AssetAccess fromMetadata(String value) {
        return "public".equals(value) ? PUBLIC : PRIVATE;
    }
}
