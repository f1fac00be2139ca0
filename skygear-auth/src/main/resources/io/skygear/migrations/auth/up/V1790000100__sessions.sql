-- Sessions of the auth gear (deviation 12): the original kept them in Redis, the Java port keeps
-- them here, next to the users, with an in-process cache in front (see SessionService).
--
-- Tokens are never stored: access_token_hash and refresh_token_hash are the lower-case hex SHA-256
-- of the whole token ("<session id>.<secret>"). expire_at is the storage expiry of §5.3 at the last
-- write, for housekeeping only; token checks recompute expiry from the client's current config.
CREATE TABLE _auth_session (
    id text PRIMARY KEY,
    app_id text NOT NULL,
    client_id text NOT NULL,
    user_id text NOT NULL REFERENCES _core_user (id),
    -- the identity the session was opened with; no foreign key, as in the original (an identity
    -- may be unlinked while other sessions live on)
    principal_id text NOT NULL,
    principal_type text NOT NULL,
    principal_updated_at timestamp without time zone NOT NULL,
    -- the MFA authenticator that completed the login, if any
    authenticator_id text,
    authenticator_type text,
    authenticator_oob_channel text,
    authenticator_updated_at timestamp without time zone,
    -- access events: {time, remote: {remote_addr, x_forwarded_for, x_real_ip, forwarded},
    -- user_agent, extra}
    initial_access jsonb NOT NULL,
    last_access jsonb NOT NULL,
    created_at timestamp without time zone NOT NULL,
    accessed_at timestamp without time zone NOT NULL,
    access_token_hash text NOT NULL,
    -- null when the client has refresh tokens disabled
    refresh_token_hash text,
    access_token_created_at timestamp without time zone NOT NULL,
    expire_at timestamp without time zone NOT NULL,
    CONSTRAINT _auth_session_access_token_hash UNIQUE (app_id, access_token_hash),
    CONSTRAINT _auth_session_refresh_token_hash UNIQUE (app_id, refresh_token_hash)
);
-- session list of a user, and revoke_all
CREATE INDEX _auth_session_app_id_user_id_idx ON _auth_session (app_id, user_id);
-- housekeeping of expired sessions
CREATE INDEX _auth_session_app_id_expire_at_idx ON _auth_session (app_id, expire_at);
