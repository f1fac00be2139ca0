-- Outbox of after-hook events (after_* and user_sync): written in the transaction of the operation
-- that caused them, delivered by the outbox worker once that transaction has committed, retried with
-- backoff, kept as 'dead' when given up. One row per (event, hook URL), so each hook is retried on its
-- own. Timestamps are UTC, like the rest of the schema.
CREATE TABLE _auth_hook_outbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    app_id text NOT NULL,
    -- the event's seq (from _auth_event_sequence); its id is seq as 16 hex digits
    seq bigint NOT NULL,
    event_type text NOT NULL,
    -- absolute URL (relative hook URLs are resolved when the row is written)
    url text NOT NULL,
    -- the exact bytes sent and signed; text, not jsonb, which would reformat them
    body text NOT NULL,
    -- hex HMAC-SHA256 of body with the tenant's hook secret at the time of the event
    signature text NOT NULL,
    status text NOT NULL DEFAULT 'pending',
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamp without time zone NOT NULL,
    last_error text,
    created_at timestamp without time zone NOT NULL,
    delivered_at timestamp without time zone,
    CONSTRAINT _auth_hook_outbox_status CHECK (status IN ('pending', 'delivered', 'dead'))
);
-- the worker's query: due pending rows, oldest first
CREATE INDEX _auth_hook_outbox_due_idx ON _auth_hook_outbox (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX _auth_hook_outbox_app_id_idx ON _auth_hook_outbox (app_id, created_at);
-- housekeeping of delivered and dead rows
CREATE INDEX _auth_hook_outbox_finished_idx ON _auth_hook_outbox (created_at) WHERE status <> 'pending';
