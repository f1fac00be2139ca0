package io.skygear.auth.internal.session;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code user_agent} object of the Session API model (§3.1); empty strings for what is unknown.
 *
 * @param deviceName from the client's extra info ({@code device_name}), not from the header
 */
public record UserAgent(String raw, String name, String version, String os, String osVersion, String deviceName,
        String deviceModel) {

    /** The wire shape: {@code raw, name, version, os, os_version, device_name, device_model}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("raw", raw);
        json.put("name", name);
        json.put("version", version);
        json.put("os", os);
        json.put("os_version", osVersion);
        json.put("device_name", deviceName);
        json.put("device_model", deviceModel);
        return json;
    }
}
