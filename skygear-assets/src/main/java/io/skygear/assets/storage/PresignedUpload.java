package io.skygear.assets.storage;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A request the client sends itself to put an object straight into the storage: method, URL and the
 * headers it must send verbatim (they are part of the signature).
 */
public record PresignedUpload(String method, URI url, List<Header> headers) {

    /** One header to send with the upload. */
    public record Header(String name, String value) {

        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public PresignedUpload {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        headers = List.copyOf(headers);
    }
}
