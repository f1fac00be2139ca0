package io.skygear.assets.internal.upload;

import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import java.util.regex.Pattern;

/**
 * Asset names: {@code <prefix><uuid v4><extension>} or a client's exact name, always of
 * {@code A-Za-z0-9-_.} (the original's prefix alphabet), at most {@value #MAX_LENGTH} characters and
 * never {@code .} or {@code ..}. Anything else cannot name an asset: no separator, traversal, control
 * character or Unicode reaches a storage key.
 */
public final class AssetNames {

    public static final int MAX_LENGTH = 200;
    /** Room for the UUID (36) and the longest extension of the table. */
    public static final int MAX_PREFIX_LENGTH = MAX_LENGTH - 50;
    public static final String PREFIX_PATTERN = "^[-_.a-zA-Z0-9]*$";
    public static final String NAME_PATTERN = "^[-_.a-zA-Z0-9]+$";
    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final Pattern PREFIX = Pattern.compile(PREFIX_PATTERN);

    private AssetNames() {
    }

    public static boolean isValid(String name) {
        return name != null && name.length() <= MAX_LENGTH && NAME.matcher(name).matches()
                && !name.equals(".") && !name.equals("..");
    }

    public static boolean isValidPrefix(String prefix) {
        return PREFIX.matcher(prefix).matches();
    }

    /**
     * The name itself when valid.
     *
     * @throws SkygearException 400 {@code BadRequest/InvalidAssetName} "invalid asset name"
     */
    public static String require(String name) {
        if (!isValid(name)) {
            throw new SkygearException(ErrorName.BAD_REQUEST, "InvalidAssetName", "invalid asset name");
        }
        return name;
    }

    /** The storage key of an app's asset; both parts are already validated. */
    public static String key(String appId, String name) {
        return appId + "/" + name;
    }
}
