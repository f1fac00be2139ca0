package io.skygear.examples.notes;

import io.skygear.assets.AssetGear;
import io.skygear.auth.AuthContext;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.error.ValidationCause;
import io.skygear.core.http.ApiResponses;
import io.skygear.core.http.JsonApiServlet;
import io.skygear.core.http.JsonBodyReader;
import io.skygear.core.tenant.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The example app's notes API, mounted at {@code /api/notes/*}: each logged-in user's own notes, with
 * an optional attachment uploaded through {@code /_asset}.
 *
 * <pre>
 * POST   /api/notes                       {title, body, attachment?}  → 201 note
 * GET    /api/notes?limit=&amp;cursor=        → {notes (newest first), next_cursor}
 * GET    /api/notes/{id}                  → note
 * PUT    /api/notes/{id}                  {title, body, attachment?}  → note (replaced)
 * DELETE /api/notes/{id}                  → {}
 * </pre>
 *
 * Every answer uses the Skygear envelope. Without a valid access token: 401
 * {@code Unauthorized/NotAuthenticated}. Another user's note, or an id that is no note: 404
 * {@code NotFound}, so a note's existence never leaks. Needs the tenant filter and the auth gear's
 * access token filter in front.
 */
public final class NotesServlet extends JsonApiServlet {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    /** Room for the longest title and body, written with JSON escapes. */
    static final int MAX_BODY_BYTES = 128 * 1024;

    private static final JsonBodyReader READER = JsonBodyReader.withMaxBytes(MAX_BODY_BYTES);
    private static final Pattern LIMIT = Pattern.compile("[0-9]{1,3}");

    private final DatabaseResolver databases;
    private final AssetGear assets;

    /**
     * @param databases where each tenant's {@code note} table is (migration module {@code notes})
     * @param assets    the asset gear that stores attachments
     */
    public NotesServlet(DatabaseResolver databases, AssetGear assets) {
        this.databases = databases;
        this.assets = assets;
    }

    @Override
    protected void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String owner = AuthContext.of(request).userId().orElseThrow(NotesServlet::notAuthenticated);
        TenantContext tenant = TenantContext.require(request);
        NoteStore notes = new NoteStore(databases.forTenant(tenant), tenant.appId());
        String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
        String method = request.getMethod();
        if (path.equals("/")) {
            switch (method) {
                case "GET" -> ApiResponses.writeResult(response, notes.page(owner, cursor(request), limit(request)));
                case "POST" -> ApiResponses.writeResult(response, HttpServletResponse.SC_CREATED,
                        notes.create(owner, input(request, tenant), Instant.now()));
                default -> throw methodNotAllowed();
            }
            return;
        }
        UUID id = noteId(path);
        switch (method) {
            case "GET" -> ApiResponses.writeResult(response, notes.find(owner, id).orElseThrow(NotesServlet::notFound));
            case "PUT" -> ApiResponses.writeResult(response,
                    notes.replace(owner, id, input(request, tenant), Instant.now()).orElseThrow(NotesServlet::notFound));
            case "DELETE" -> {
                if (!notes.delete(owner, id)) {
                    throw notFound();
                }
                ApiResponses.writeResult(response, Map.of());
            }
            default -> throw methodNotAllowed();
        }
    }

    /** The body, with its attachment checked against this tenant's assets. */
    private NoteInput input(HttpServletRequest request, TenantContext tenant) throws IOException {
        NoteInput input = READER.read(request, NoteInput.class);
        if (input.attachment().isPresent() && !assets.exists(tenant, input.attachment().get())) {
            throw SkygearException.validationFailed("invalid request body", List.of(new ValidationCause(
                    "General", "/attachment", "attachment is not an uploaded asset")));
        }
        return input;
    }

    /** {@code /<uuid>}; anything else names no note. */
    private static UUID noteId(String path) {
        String id = path.substring(1);
        try {
            UUID uuid = UUID.fromString(id);
            // fromString also takes shortened forms such as 1-1-1-1-1: only the canonical one names a note
            if (uuid.toString().equalsIgnoreCase(id)) {
                return uuid;
            }
        } catch (IllegalArgumentException e) {
            // not an id: answered as not found below
        }
        throw notFound();
    }

    private static int limit(HttpServletRequest request) {
        String limit = request.getParameter("limit");
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        int value = LIMIT.matcher(limit).matches() ? Integer.parseInt(limit) : 0;
        if (value < 1 || value > MAX_LIMIT) {
            throw SkygearException.of(ErrorName.BAD_REQUEST, "limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        return value;
    }

    private static Optional<NoteCursor> cursor(HttpServletRequest request) {
        return Optional.ofNullable(request.getParameter("cursor")).filter(c -> !c.isEmpty()).map(NoteCursor::decode);
    }

    private static SkygearException notAuthenticated() {
        return new SkygearException(ErrorName.UNAUTHORIZED, "NotAuthenticated", "authentication required");
    }

    private static SkygearException notFound() {
        return SkygearException.of(ErrorName.NOT_FOUND, "note not found");
    }

    private static SkygearException methodNotAllowed() {
        // the gears' convention: the envelope has no 405
        return new SkygearException(ErrorName.NOT_FOUND, "MethodNotAllowed", "method not allowed");
    }
}
