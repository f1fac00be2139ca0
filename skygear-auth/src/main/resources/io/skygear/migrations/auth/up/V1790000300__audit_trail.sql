-- The audit trail (the original designed it but always used a no-op trail): one row per security
-- event of a tenant. No foreign key to _core_user: entries outlive the users they mention, and a
-- login failure may name no user at all.
CREATE TABLE _auth_audit_trail (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    app_id text NOT NULL,
    -- login_success, login_failure, logout, signup, change_password, reset_password, disable_user,
    -- enable_user
    event text NOT NULL,
    user_id text,
    -- the login ID tried, for login failures
    login_id text,
    data jsonb NOT NULL DEFAULT '{}'::jsonb,
    remote_addr text,
    x_forwarded_for text,
    x_real_ip text,
    forwarded text,
    user_agent text,
    request_id text,
    created_at timestamp without time zone NOT NULL
);
CREATE INDEX _auth_audit_trail_app_id_created_at_idx ON _auth_audit_trail (app_id, created_at);
CREATE INDEX _auth_audit_trail_app_id_user_id_idx ON _auth_audit_trail (app_id, user_id);
