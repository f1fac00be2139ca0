-- Rate-limit counters shared by every node: one fixed window per (app, bucket, key), counted by one
-- atomic upsert per attempt. key is an HMAC of the limited subject (login ID, IP address), never the
-- raw value; rows are deleted once their window has passed.
CREATE TABLE _auth_rate_limit (
    app_id text NOT NULL,
    bucket text NOT NULL,
    key text NOT NULL,
    window_start timestamp without time zone NOT NULL,
    count integer NOT NULL,
    -- window_start + the window length: the counter resets (and the row may be deleted) from then on
    expires_at timestamp without time zone NOT NULL,
    CONSTRAINT _auth_rate_limit_pkey PRIMARY KEY (app_id, bucket, key)
);
CREATE INDEX _auth_rate_limit_expires_at_idx ON _auth_rate_limit (app_id, expires_at);
