-- Auth schema of Skygear v2, consolidated: the final state of the original's migrations/auth
-- (19 versions, up to and including 1567574912), as one script with the same version number so
-- that `version` reports what the original did.
--
-- Runs in the caller's tenant schema (the engine sets search_path) after core: the tables below
-- reference _core_user. Every table carries app_id text NOT NULL, indexed, so that the same schema
-- distributes on Citus by app_id; the unique constraints the original widened with app_id in
-- 1566290047 keep app_id first.
--
-- Citus: primary keys stay as in the original (random UUID ids, or the id of the parent row).
-- Adding app_id to them would not change behaviour for a single tenant; a distributed deployment
-- widens them to (app_id, ...) together with the foreign keys that point at them.

-- Identities ("principals") of a user: one row per login method, detailed by the provider tables.
CREATE TABLE _auth_principal (
    id text PRIMARY KEY,
    -- password, oauth or custom_token
    provider text NOT NULL,
    -- nullable as in the original (it never declared NOT NULL); always set by the gear
    user_id text REFERENCES _core_user (id),
    app_id text NOT NULL
);
CREATE INDEX _auth_principal_app_id_idx ON _auth_principal (app_id);

CREATE TABLE _auth_provider_password (
    principal_id text PRIMARY KEY REFERENCES _auth_principal (id),
    -- was auth_data jsonb, turned into text and renamed; nullable as in the original
    login_id text,
    login_id_key text,
    -- the password hash ($bcrypt-sha512$..., or plain bcrypt until upgraded on login)
    password text NOT NULL,
    realm text NOT NULL,
    claims jsonb NOT NULL,
    app_id text NOT NULL,
    CONSTRAINT _auth_provider_password_login_id_realm UNIQUE (app_id, login_id, realm)
);
CREATE INDEX _auth_provider_password_app_id_idx ON _auth_provider_password (app_id);

CREATE TABLE _auth_provider_oauth (
    principal_id text PRIMARY KEY REFERENCES _auth_principal (id),
    -- was oauth_provider
    provider_type text NOT NULL,
    provider_keys jsonb NOT NULL DEFAULT '{}'::jsonb,
    provider_user_id text NOT NULL,
    token_response jsonb,
    profile jsonb,
    claims jsonb NOT NULL,
    _created_at timestamp without time zone NOT NULL,
    _updated_at timestamp without time zone NOT NULL,
    app_id text NOT NULL,
    CONSTRAINT _auth_provider_oauth_provider_user_id
        UNIQUE (app_id, provider_type, provider_keys, provider_user_id)
);
CREATE INDEX _auth_provider_oauth_app_id_idx ON _auth_provider_oauth (app_id);

CREATE TABLE _auth_provider_custom_token (
    principal_id text PRIMARY KEY REFERENCES _auth_principal (id),
    token_principal_id text NOT NULL,
    raw_profile jsonb NOT NULL,
    claims jsonb NOT NULL,
    app_id text NOT NULL,
    -- declared as in the original; PostgreSQL folds it into the primary key, so no separate
    -- constraint or index results
    UNIQUE (principal_id),
    CONSTRAINT _auth_provider_custom_token_token_principal_id_key UNIQUE (app_id, token_principal_id)
);
CREATE INDEX _auth_provider_custom_token_app_id_idx ON _auth_provider_custom_token (app_id);

-- The user's metadata (the "profile" of the API).
CREATE TABLE _auth_user_profile (
    user_id text PRIMARY KEY REFERENCES _core_user (id),
    -- types as in the original's design of this table: NOT NULL timestamps, and text for
    -- created_by/updated_by because they hold user ids
    created_at timestamp without time zone NOT NULL,
    created_by text,
    updated_at timestamp without time zone NOT NULL,
    updated_by text,
    data jsonb,
    app_id text NOT NULL
);
CREATE INDEX _auth_user_profile_app_id_idx ON _auth_user_profile (app_id);

-- Past password hashes, for the password policy's history check. user_id has no foreign key, as in
-- the original.
CREATE TABLE _auth_password_history (
    id text PRIMARY KEY,
    user_id text NOT NULL,
    password text NOT NULL,
    logged_at timestamp without time zone NOT NULL,
    app_id text NOT NULL
);
CREATE INDEX _auth_password_history_app_id_idx ON _auth_password_history (app_id);

-- User verification codes (login_id_key/login_id were record_key/record_value).
CREATE TABLE _auth_verify_code (
    id text PRIMARY KEY,
    user_id text NOT NULL REFERENCES _core_user (id),
    login_id_key text NOT NULL,
    login_id text NOT NULL,
    code text NOT NULL,
    consumed boolean NOT NULL DEFAULT false,
    created_at timestamp without time zone NOT NULL,
    app_id text NOT NULL
);
CREATE INDEX _auth_verify_code_app_id_idx ON _auth_verify_code (app_id);

-- Hook event seq numbers: one sequence for all tenants, as in the original.
CREATE SEQUENCE _auth_event_sequence;

-- MFA. The original created these tables with app_id but without an index on it; the index is
-- added here so that every tenant table is indexed by app_id alike.
CREATE TABLE _auth_authenticator (
    id text PRIMARY KEY,
    -- totp, oob, recovery_code or bearer_token
    type text NOT NULL,
    user_id text NOT NULL REFERENCES _core_user (id),
    app_id text NOT NULL
);
CREATE INDEX _auth_authenticator_app_id_idx ON _auth_authenticator (app_id);

CREATE TABLE _auth_authenticator_totp (
    id text PRIMARY KEY REFERENCES _auth_authenticator (id),
    activated boolean NOT NULL,
    created_at timestamp without time zone NOT NULL,
    activated_at timestamp without time zone,
    secret text NOT NULL,
    display_name text NOT NULL,
    app_id text NOT NULL
);
CREATE INDEX _auth_authenticator_totp_app_id_idx ON _auth_authenticator_totp (app_id);

CREATE TABLE _auth_authenticator_oob (
    id text PRIMARY KEY REFERENCES _auth_authenticator (id),
    activated boolean NOT NULL,
    created_at timestamp without time zone NOT NULL,
    activated_at timestamp without time zone,
    -- sms or email; the unused one of phone/email holds the empty string
    channel text NOT NULL,
    phone text NOT NULL,
    email text NOT NULL,
    app_id text NOT NULL
);
CREATE INDEX _auth_authenticator_oob_app_id_idx ON _auth_authenticator_oob (app_id);

CREATE TABLE _auth_authenticator_oob_code (
    id text PRIMARY KEY,
    authenticator_id text NOT NULL REFERENCES _auth_authenticator (id),
    code text NOT NULL,
    created_at timestamp without time zone NOT NULL,
    expire_at timestamp without time zone NOT NULL,
    app_id text NOT NULL
);
CREATE INDEX _auth_authenticator_oob_code_app_id_idx ON _auth_authenticator_oob_code (app_id);

-- id equals the id of its _auth_authenticator row; the original declared no foreign key for it.
CREATE TABLE _auth_authenticator_recovery_code (
    id text PRIMARY KEY,
    code text NOT NULL,
    created_at timestamp without time zone NOT NULL,
    consumed boolean NOT NULL,
    app_id text NOT NULL
);
CREATE INDEX _auth_authenticator_recovery_code_app_id_idx ON _auth_authenticator_recovery_code (app_id);

-- id equals the id of its _auth_authenticator row (no foreign key, as in the original); parent_id is
-- the TOTP or OOB authenticator the bearer token was issued for.
CREATE TABLE _auth_authenticator_bearer_token (
    id text PRIMARY KEY,
    parent_id text NOT NULL REFERENCES _auth_authenticator (id),
    token text NOT NULL,
    created_at timestamp without time zone NOT NULL,
    expire_at timestamp without time zone NOT NULL,
    app_id text NOT NULL
);
CREATE INDEX _auth_authenticator_bearer_token_app_id_idx ON _auth_authenticator_bearer_token (app_id);
