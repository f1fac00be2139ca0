package io.skygear.core.internal.http;

import io.skygear.core.error.ValidationCause;
import java.math.BigDecimal;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Number checks that stay cheap on hostile input: a value like {@code 1e999999999} is never expanded
 * into a {@code BigInteger}; only scale and comparisons are used.
 */
final class Numbers {

    private Numbers() {}

    static boolean isFinite(JsonNode node) {
        return !(node.isDouble() || node.isFloat()) || Double.isFinite(node.doubleValue());
    }

    /** Whether a number node holds a whole value (JSON Schema's "integer"). */
    static boolean isIntegral(JsonNode node) {
        if (node.isIntegralNumber()) {
            return true;
        }
        if (!isFinite(node)) {
            return false;
        }
        BigDecimal value = node.decimalValue();
        return value.signum() == 0 || value.scale() <= 0 || value.stripTrailingZeros().scale() <= 0;
    }

    static ValidationCause tooLarge(String pointer, BigDecimal max) {
        return new ValidationCause("NumberRange", pointer, "Must be less than or equal to " + max,
                Map.of("lte", max));
    }

    static ValidationCause tooSmall(String pointer, BigDecimal min) {
        return new ValidationCause("NumberRange", pointer, "Must be greater than or equal to " + min,
                Map.of("gte", min));
    }
}
