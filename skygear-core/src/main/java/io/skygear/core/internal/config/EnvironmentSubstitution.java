package io.skygear.core.internal.config;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} inside string values with environment
 * variables (the default also applies when the variable is empty); {@code $${} is a literal
 * {@code ${}. Keys are never substituted. A reference that cannot be resolved is a validation
 * cause at the value's pointer. The original had no substitution; this lets secrets stay out of files.
 */
final class EnvironmentSubstitution {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Function<String, String> environment;
    private final Diagnostics diagnostics;

    private EnvironmentSubstitution(Function<String, String> environment, Diagnostics diagnostics) {
        this.environment = environment;
        this.diagnostics = diagnostics;
    }

    /** Substitutes in place throughout the tree. */
    static void apply(JsonNode root, Function<String, String> environment, Diagnostics diagnostics) {
        new EnvironmentSubstitution(environment, diagnostics).walk(root, "");
    }

    private void walk(JsonNode node, String pointer) {
        if (node instanceof ObjectNode object) {
            for (String key : List.copyOf(object.propertyNames())) {
                String p = Pointer.child(pointer, key);
                JsonNode value = object.get(key);
                if (value.isString()) {
                    String replaced = substitute(value.stringValue(), p);
                    if (replaced != null) {
                        object.set(key, StringNode.valueOf(replaced));
                    }
                } else {
                    walk(value, p);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String p = Pointer.child(pointer, i);
                if (array.get(i).isString()) {
                    String replaced = substitute(array.get(i).stringValue(), p);
                    if (replaced != null) {
                        array.set(i, StringNode.valueOf(replaced));
                    }
                } else {
                    walk(array.get(i), p);
                }
            }
        }
    }

    /** The substituted text, or {@code null} when it holds no reference (or a reference failed). */
    private String substitute(String text, String pointer) {
        if (!text.contains("${")) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    return fail(pointer, "unterminated ${ (write $${ for a literal ${)");
                }
                String resolved = resolve(text.substring(i + 2, close), pointer);
                if (resolved == null) {
                    return null;
                }
                out.append(resolved);
                i = close + 1;
            } else {
                out.append(text.charAt(i++));
            }
        }
        diagnostics.substituted(pointer);
        return out.toString();
    }

    private String resolve(String reference, String pointer) {
        int split = reference.indexOf(":-");
        String name = split < 0 ? reference : reference.substring(0, split);
        if (!NAME.matcher(name).matches()) {
            return fail(pointer, "invalid environment variable reference ${" + reference + "}");
        }
        String value = environment.apply(name);
        if (split >= 0 && (value == null || value.isEmpty())) {
            return reference.substring(split + 2);
        }
        return value != null ? value : fail(pointer, "environment variable " + name + " is not set");
    }

    private String fail(String pointer, String message) {
        diagnostics.add(Causes.general(pointer, message));
        return null;
    }
}
