package io.skygear.examples.notes;

import java.util.List;
import java.util.Optional;

/**
 * One page of {@code GET /api/notes}.
 *
 * @param nextCursor pass as {@code ?cursor=} for the next page; empty (JSON null) on the last page
 */
record NotePage(List<Note> notes, Optional<String> nextCursor) {
}
