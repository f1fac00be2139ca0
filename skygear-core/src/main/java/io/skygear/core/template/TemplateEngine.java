package io.skygear.core.template;

import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import io.skygear.core.config.TemplateItem;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Renders {@link TemplateSpec}s in <a href="https://mustache.github.io/mustache.5.html">Mustache</a>
 * syntax ({@code {{name}}}, {@code {{#flag}}…{{/flag}}}, {@code {{^flag}}…{{/flag}}}), with the
 * tenant's overrides from {@code template_items}:
 * <ul>
 *   <li>items of the spec's type; for a keyed spec and a given key, those of that key, else those
 *       without key; none → the spec's built-in default;</li>
 *   <li>among several, the best match of the preferred languages by BCP 47 lookup, else the untagged
 *       one, else the first by language tag;</li>
 *   <li>the item's {@code uri}: {@code data:} (base64 or percent-encoded) or, when the host enables
 *       it, {@code file:}; anything else is an error (no fallback to the default).</li>
 * </ul>
 * HTML types escape every {@code {{value}}} ({@code {{{value}}}} is raw); text types never escape.
 * Partials are refused, data is read from maps (and lists) only, and templates and their output are
 * limited in size (1 MiB by default). Compiled templates are cached. Thread-safe.
 */
public final class TemplateEngine {

    /** The original's limit on a template and on its output. */
    public static final int DEFAULT_MAX_SIZE = 1024 * 1024;

    private static final int CACHE_SIZE = 256;

    private final int maxSize;
    private final boolean fileLoader;
    private final SafeMustacheFactory textFactory = new SafeMustacheFactory(false);
    private final SafeMustacheFactory htmlFactory = new SafeMustacheFactory(true);
    private final Map<String, Mustache> compiled = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Mustache> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private TemplateEngine(Builder b) {
        this.maxSize = b.maxSize;
        this.fileLoader = b.fileLoader;
    }

    /** An engine with the defaults: 1 MiB limits, no {@code file:} loader. */
    public static TemplateEngine create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Renders the spec's built-in default with {@code context}. */
    public String render(TemplateSpec spec, Map<String, ?> context) {
        return renderSource(spec, spec.defaultBody(), context);
    }

    /**
     * Renders the override of {@code spec} that {@code overrides} select for {@code key} and
     * {@code languages} (see the class comment), or its default.
     *
     * @param key       the login ID key for keyed specs; null or empty for none
     * @param languages preferred languages, best first (e.g. from {@code Accept-Language}); may be empty
     * @throws TemplateException when the override cannot be loaded, or the template cannot be rendered
     */
    public String render(TemplateSpec spec, List<TemplateItem> overrides, String key,
                         List<Locale.LanguageRange> languages, Map<String, ?> context) {
        return renderSource(spec, source(spec, overrides, key, languages), context);
    }

    /** The template text {@link #render(TemplateSpec, List, String, List, Map)} would use. */
    public String source(TemplateSpec spec, List<TemplateItem> overrides, String key, List<Locale.LanguageRange> languages) {
        return select(spec, overrides, key, languages).map(item -> load(spec, item)).orElse(spec.defaultBody());
    }

    private Optional<TemplateItem> select(TemplateSpec spec, List<TemplateItem> overrides, String key,
                                          List<Locale.LanguageRange> languages) {
        List<TemplateItem> ofType = overrides.stream().filter(i -> spec.type().equals(i.type())).toList();
        List<TemplateItem> candidates = ofType.stream().filter(i -> blank(i.key())).toList();
        if (spec.keyed() && !blank(key)) {
            List<TemplateItem> keyed = ofType.stream().filter(i -> key.equals(i.key())).toList();
            if (!keyed.isEmpty()) {
                candidates = keyed;
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        List<TemplateItem> sorted = candidates.stream()
                .sorted(Comparator.comparing(i -> Objects.requireNonNullElse(i.languageTag(), ""))).toList();
        List<String> tags = sorted.stream().map(i -> Objects.requireNonNullElse(i.languageTag(), ""))
                .filter(t -> !t.isEmpty()).toList();
        if (!languages.isEmpty() && !tags.isEmpty()) {
            String match = Locale.lookupTag(languages, tags);
            if (match != null) {
                return sorted.stream().filter(i -> match.equalsIgnoreCase(i.languageTag())).findFirst();
            }
        }
        return Optional.of(sorted.getFirst());
    }

    private String load(TemplateSpec spec, TemplateItem item) {
        String text = Objects.requireNonNullElse(item.uri(), "");
        int colon = text.indexOf(':');
        // data URIs carry the template itself, braces included, which java.net.URI would refuse
        String scheme = colon < 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
        byte[] bytes = switch (scheme) {
            case "data" -> dataUri(spec, text);
            case "file" -> {
                if (!fileLoader) {
                    throw new TemplateException("template " + spec.type() + ": file URIs are disabled on this host");
                }
                yield file(spec, text);
            }
            default -> throw new TemplateException("template " + spec.type() + ": unknown URI scheme: " + scheme);
        };
        if (bytes.length > maxSize) {
            throw new TemplateException("template " + spec.type() + ": template is too large");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new TemplateException("template " + spec.type() + ": not UTF-8");
        }
    }

    private byte[] dataUri(TemplateSpec spec, String uri) {
        int comma = uri.indexOf(',');
        if (comma < 0) {
            throw new TemplateException("template " + spec.type() + ": malformed data URI");
        }
        String meta = uri.substring("data:".length(), comma);
        String data = uri.substring(comma + 1);
        if (data.length() > maxSize * 3L) {
            throw new TemplateException("template " + spec.type() + ": template is too large");
        }
        try {
            if (meta.endsWith(";base64")) {
                return Base64.getDecoder().decode(data.replaceAll("\\s", ""));
            }
            return URLDecoder.decode(data.replace("+", "%2B"), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new TemplateException("template " + spec.type() + ": malformed data URI");
        }
    }

    private byte[] file(TemplateSpec spec, String uri) {
        try {
            Path path = Path.of(new URI(uri));
            if (Files.size(path) > maxSize) {
                throw new TemplateException("template " + spec.type() + ": template is too large");
            }
            return Files.readAllBytes(path);
        } catch (IOException | IllegalArgumentException | URISyntaxException e) {
            throw new TemplateException("template " + spec.type() + ": cannot read " + uri, e);
        }
    }

    private String renderSource(TemplateSpec spec, String source, Map<String, ?> context) {
        if (source.length() > maxSize) {
            throw new TemplateException("template " + spec.type() + ": template is too large");
        }
        Mustache mustache = compile(spec, source);
        LimitedWriter out = new LimitedWriter(maxSize);
        try {
            mustache.execute(out, context);
        } catch (LimitedWriter.Overflow e) {
            throw new TemplateException("template " + spec.type() + ": rendered template is too large");
        } catch (MustacheException | UncheckedIOException e) {
            Throwable cause = e.getCause() instanceof LimitedWriter.Overflow ? e.getCause() : e;
            if (cause instanceof LimitedWriter.Overflow) {
                throw new TemplateException("template " + spec.type() + ": rendered template is too large");
            }
            throw new TemplateException("template " + spec.type() + ": " + e.getMessage(), e);
        }
        return out.toString();
    }

    private Mustache compile(TemplateSpec spec, String source) {
        String cacheKey = (spec.html() ? "h:" : "t:") + source;
        synchronized (compiled) {
            Mustache cached = compiled.get(cacheKey);
            if (cached != null) {
                return cached;
            }
        }
        Mustache mustache;
        try {
            mustache = (spec.html() ? htmlFactory : textFactory).compile(new StringReader(source), spec.type());
        } catch (MustacheException e) {
            throw new TemplateException("template " + spec.type() + ": " + e.getMessage(), e);
        }
        synchronized (compiled) {
            compiled.put(cacheKey, mustache);
        }
        return mustache;
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }

    /** Settings of a {@link TemplateEngine}. */
    public static final class Builder {
        private int maxSize = DEFAULT_MAX_SIZE;
        private boolean fileLoader;

        private Builder() {
        }

        /** The largest template and the largest output, in chars (bytes for loaded templates); 1 MiB when not set. */
        public Builder maxSize(int maxSize) {
            this.maxSize = maxSize;
            return this;
        }

        /**
         * Whether tenants may point {@code template_items} at {@code file:} URIs on this host (the
         * original's {@code TEMPLATE_ENABLE_FILE_LOADER}); off by default, since any tenant could then
         * read the host's files.
         */
        public Builder fileLoader(boolean fileLoader) {
            this.fileLoader = fileLoader;
            return this;
        }

        /** @throws IllegalArgumentException for a size limit below 1 */
        public TemplateEngine build() {
            if (maxSize < 1) {
                throw new IllegalArgumentException("maxSize: must be at least 1, got " + maxSize);
            }
            return new TemplateEngine(this);
        }
    }
}
