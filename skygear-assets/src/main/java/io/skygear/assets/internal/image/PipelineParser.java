package io.skygear.assets.internal.image;

import java.util.ArrayList;
import java.util.List;

/**
 * The original server's pipeline grammar and error messages ({@code core/imageprocessing/parse.go}):
 * {@code image/<op>/<op>…}, ops {@code format,…}, {@code quality,…}, {@code resize,…}; unknown resize
 * arguments are ignored; more than {@value ImagePipeline#MAX_OPERATIONS} ops fail after all parsed.
 */
final class PipelineParser {

    private static final int MAX_SIDE = 4096;

    private PipelineParser() {
    }

    static List<ImageOperation> parse(String pipeline) {
        String[] parts = (pipeline == null ? "" : pipeline).split("/", -1);
        if (!parts[0].equals("image")) {
            throw invalid("invalid asset type: " + parts[0]);
        }
        List<ImageOperation> operations = new ArrayList<>(parts.length - 1);
        for (int i = 1; i < parts.length; i++) {
            operations.add(operation(parts[i]));
        }
        if (operations.size() > ImagePipeline.MAX_OPERATIONS) {
            throw invalid("query too long");
        }
        return operations;
    }

    private static ImageOperation operation(String segment) {
        int comma = segment.indexOf(',');
        String name = comma < 0 ? segment : segment.substring(0, comma);
        String rest = comma < 0 ? "" : segment.substring(comma + 1);
        return switch (name) {
            case "format" -> new FormatOperation(format(rest));
            case "quality" -> quality(rest);
            case "resize" -> resize(rest);
            default -> throw invalid("invalid operation: " + segment);
        };
    }

    private static ImageFormat format(String value) {
        for (ImageFormat format : ImageFormat.values()) {
            if (format.token().equals(value)) {
                return format;
            }
        }
        throw invalid("invalid format: " + value);
    }

    private static QualityOperation quality(String args) {
        String[] arg = argument(args);
        if (!arg[0].equals("Q")) {
            throw invalid("invalid quality: " + args);
        }
        return new QualityOperation(integer(arg[1], 1, 100));
    }

    private static ResizeOperation resize(String args) {
        ScalingMode mode = ScalingMode.LFIT;
        int width = 0;
        int height = 0;
        int longer = 0;
        int shorter = 0;
        RgbColor color = RgbColor.WHITE;
        for (String part : args.split(",", -1)) {
            String[] arg = argument(part);
            String value = arg[1];
            switch (arg[0]) {
                case "m" -> mode = mode(value);
                case "w" -> width = integer(value, 1, MAX_SIDE);
                case "h" -> height = integer(value, 1, MAX_SIDE);
                case "l" -> longer = integer(value, 1, MAX_SIDE);
                case "s" -> shorter = integer(value, 1, MAX_SIDE);
                case "color" -> color = color(value);
                default -> {
                    // the original ignores unknown arguments
                }
            }
        }
        return new ResizeOperation(mode, width, height, longer, shorter, color);
    }

    /** {@code name_value}, split on the first underscore; no underscore means an empty value. */
    private static String[] argument(String arg) {
        int underscore = arg.indexOf('_');
        return underscore < 0
                ? new String[] {arg, ""}
                : new String[] {arg.substring(0, underscore), arg.substring(underscore + 1)};
    }

    private static ScalingMode mode(String value) {
        return switch (value) {
            case "lfit" -> ScalingMode.LFIT;
            case "mfit" -> ScalingMode.MFIT;
            case "fill" -> ScalingMode.FILL;
            case "pad" -> ScalingMode.PAD;
            case "fixed" -> ScalingMode.FIXED;
            default -> throw invalid("invalid scaling mode: " + value);
        };
    }

    /** Go's strconv.Atoi: optional sign, ASCII digits only, within int range. */
    private static int integer(String value, int min, int max) {
        int start = !value.isEmpty() && (value.charAt(0) == '+' || value.charAt(0) == '-') ? 1 : 0;
        boolean digits = value.length() > start;
        for (int i = start; i < value.length() && digits; i++) {
            char c = value.charAt(i);
            digits = c >= '0' && c <= '9';
        }
        int parsed;
        try {
            if (!digits) {
                throw new NumberFormatException();
            }
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid("value '" + value + "' is not an integer");
        }
        if (parsed < min || parsed > max) {
            throw invalid("value '" + value + "' is not in range [" + min + "," + max + "]");
        }
        return parsed;
    }

    private static RgbColor color(String value) {
        if (value.length() != 6 || !value.chars().allMatch(PipelineParser::isHexDigit)) {
            throw invalid("invalid color: " + value);
        }
        int rgb = Integer.parseInt(value, 16);
        return new RgbColor(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff);
    }

    private static boolean isHexDigit(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static InvalidPipelineException invalid(String message) {
        return new InvalidPipelineException(message);
    }
}
