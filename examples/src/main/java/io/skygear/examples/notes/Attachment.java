package io.skygear.examples.notes;

/**
 * The asset a note refers to, with where the asset gear serves it. Public assets load from these paths
 * as they are; a private one needs a signed URL ({@code POST /_asset/get_signed_url}, master key).
 *
 * @param url          the original bytes
 * @param thumbnailUrl the image pipeline's 200 px wide variant (images only)
 */
record Attachment(String name, String url, String thumbnailUrl) {

    static final String ASSET_PATH = "/_asset/get/";
    static final String THUMBNAIL_PIPELINE = "?pipeline=image/resize,w_200";

    /** Asset names are {@code [-_.a-zA-Z0-9]} only, so they go into the path unescaped. */
    static Attachment of(String name) {
        return new Attachment(name, ASSET_PATH + name, ASSET_PATH + name + THUMBNAIL_PIPELINE);
    }
}
