-- Outbox of e-mails and SMS (forgot password, verification, welcome, MFA codes): rendered and written
-- in the transaction of the operation that sends them, delivered by the message worker once that
-- transaction has committed, retried with backoff, kept as 'dead' when given up. A sent row keeps no
-- payload (the message may carry a code or a reset link). Timestamps are UTC.
CREATE TABLE _auth_message_outbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    app_id text NOT NULL,
    -- email or sms
    channel text NOT NULL,
    -- what sent it, e.g. forgot_password, user_verification, welcome_email, mfa_oob_code
    purpose text NOT NULL,
    -- the user it is about, when known (for the audit trail of failures)
    user_id text,
    -- the address or phone number, masked in logs
    recipient text NOT NULL,
    -- the rendered message as JSON; '{}' once sent
    payload text NOT NULL,
    status text NOT NULL DEFAULT 'pending',
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamp without time zone NOT NULL,
    last_error text,
    created_at timestamp without time zone NOT NULL,
    sent_at timestamp without time zone,
    CONSTRAINT _auth_message_outbox_channel CHECK (channel IN ('email', 'sms')),
    CONSTRAINT _auth_message_outbox_status CHECK (status IN ('pending', 'sent', 'dead'))
);
-- the worker's query: due pending rows, oldest first
CREATE INDEX _auth_message_outbox_due_idx ON _auth_message_outbox (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX _auth_message_outbox_app_id_idx ON _auth_message_outbox (app_id, created_at);
-- housekeeping of sent and dead rows
CREATE INDEX _auth_message_outbox_finished_idx ON _auth_message_outbox (created_at) WHERE status <> 'pending';
