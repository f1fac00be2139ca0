package io.skygear.assets.internal.download;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Entity-tag handling for {@code If-None-Match}, {@code If-Range} and pipeline variants. */
public final class EntityTags {

    private EntityTags() {
    }

    /** Whether an {@code If-None-Match} header matches {@code etag} (weak comparison, {@code *} matches). */
    public static boolean noneMatchHits(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String opaque = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || opaque(c).equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an {@code If-Range} entity tag matches strongly; dates never match (a Range is then ignored). */
    public static boolean ifRangeMatches(String ifRange, String etag) {
        return ifRange == null || (!ifRange.trim().startsWith("W/") && ifRange.trim().equals(etag));
    }

    /** The tag of a pipeline's output: the original's tag and a digest of the pipeline. */
    public static String variant(String etag, String pipeline) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(pipeline.getBytes(StandardCharsets.UTF_8));
            String inner = opaque(etag).replace("\"", "");
            return "\"" + inner + "-" + HexFormat.of().formatHex(digest, 0, 8) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The quoted part of a tag, without a weak prefix. */
    private static String opaque(String tag) {
        String t = tag.trim();
        return t.startsWith("W/") ? t.substring(2) : t;
    }
}
