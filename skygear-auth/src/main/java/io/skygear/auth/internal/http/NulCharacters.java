package io.skygear.auth.internal.http;

import io.skygear.core.error.SkygearException;
import io.skygear.core.error.ValidationCause;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * PostgreSQL stores no U+0000 in {@code text} or {@code jsonb}, so a body carrying it in any string or
 * property name is refused up front with 400 {@code ValidationFailed} (a {@code General} cause per
 * place) instead of failing in the database.
 */
final class NulCharacters {

    private static final String MESSAGE = "must not contain the NUL character (U+0000)";

    private NulCharacters() {
    }

    static void reject(JsonNode body) {
        List<ValidationCause> causes = new ArrayList<>();
        collect(body, "", causes);
        if (!causes.isEmpty()) {
            throw SkygearException.validationFailed("invalid request body", causes);
        }
    }

    private static void collect(JsonNode node, String pointer, List<ValidationCause> causes) {
        if (node.isString()) {
            if (node.asString().indexOf('\0') >= 0) {
                causes.add(new ValidationCause("General", pointer, MESSAGE));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, causes);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                String child = pointer + "/" + property.getKey().replace("~", "~0").replace("/", "~1");
                if (property.getKey().indexOf('\0') >= 0) {
                    causes.add(new ValidationCause("General", child, MESSAGE));
                }
                collect(property.getValue(), child, causes);
            }
        }
    }
}
