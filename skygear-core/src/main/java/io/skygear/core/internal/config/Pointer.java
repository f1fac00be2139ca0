package io.skygear.core.internal.config;

/** RFC 6901 JSON pointers, built one token at a time. */
final class Pointer {

    private Pointer() {
    }

    static String child(String parent, String key) {
        return parent + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    static String child(String parent, int index) {
        return parent + "/" + index;
    }
}
