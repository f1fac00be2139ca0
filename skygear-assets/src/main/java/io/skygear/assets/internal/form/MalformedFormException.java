package io.skygear.assets.internal.form;

import java.io.IOException;

/** The request body is not a well-formed multipart form. */
public final class MalformedFormException extends IOException {

    public MalformedFormException(String message) {
        super(message);
    }
}
