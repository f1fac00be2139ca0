-- SSO authorization codes redeemed at /sso/auth_result. A code is a signed JWT valid for 5 minutes;
-- its id is inserted here when it is used, so that a second use fails on the primary key on every
-- node. Rows are deleted once the code has expired.
CREATE TABLE _auth_sso_used_code (
    app_id text NOT NULL,
    code_id text NOT NULL,
    expires_at timestamp without time zone NOT NULL,
    CONSTRAINT _auth_sso_used_code_pkey PRIMARY KEY (app_id, code_id)
);
CREATE INDEX _auth_sso_used_code_expires_at_idx ON _auth_sso_used_code (app_id, expires_at);
