package io.skygear.assets.internal.http;

/** Paths of the gear's endpoints below its mount point ({@code /_asset}). */
final class Routes {

    static final String PRESIGN_UPLOAD = "/presign_upload";
    static final String PRESIGN_UPLOAD_FORM = "/presign_upload_form";
    static final String UPLOAD_FORM = "/upload_form";
    static final String GET_SIGNED_URL = "/get_signed_url";
    static final String LIST = "/assets";
    /** Followed by the asset name. */
    static final String GET = "/get/";
    static final String DELETE = "/delete/";
    static final String UPLOAD = "/upload/";

    private Routes() {
    }
}
