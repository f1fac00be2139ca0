-- Gateway (config database) schema of Skygear v2, consolidated: the final state of the original's
-- migrations/gateway (14 versions, up to and including 1563777708), as one script with the same
-- version number so that `version` reports what the original did.
--
-- Runs in the app_config schema (the engine sets search_path). These tables describe tenants, they
-- are not tenant tables: app ids here are uuid as in the original, and nothing is distributed by
-- app_id. Timestamps are UTC, without time zone.
--
-- Left out on purpose, because they are not part of the final state: app.record_version and
-- app.record_enabled (added, then dropped), the cloud_code/cloud_code_route history of
-- deployment_route and its target_path/backend_url columns (folded into type_config).

CREATE TABLE plan (
    id uuid PRIMARY KEY,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    name text NOT NULL,
    auth_enabled boolean NOT NULL DEFAULT false,
    is_default boolean NOT NULL DEFAULT false
);

-- The tenant configuration (TenantConfiguration JSON). app_id has no foreign key: app points at its
-- config through config_id, as in the original.
CREATE TABLE config (
    id uuid PRIMARY KEY,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    config jsonb NOT NULL,
    app_id uuid NOT NULL,
    -- the legacy v1 env-style config kept by the original's 1561533470
    config_old jsonb NOT NULL DEFAULT '{}'::jsonb
);

CREATE TABLE app (
    id uuid PRIMARY KEY,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    name text NOT NULL UNIQUE,
    plan_id uuid NOT NULL REFERENCES plan (id),
    config_id uuid NOT NULL REFERENCES config (id),
    -- live, nightly or suspended
    auth_version text NOT NULL
);

-- Host names (matched exactly, port included) that resolve to an app.
CREATE TABLE domain (
    id uuid PRIMARY KEY,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    domain text NOT NULL CONSTRAINT domain_domain_key UNIQUE,
    app_id uuid NOT NULL REFERENCES app (id)
);

CREATE TABLE deployment_route (
    id uuid PRIMARY KEY,
    created_at timestamp without time zone NOT NULL,
    deployment_version text NOT NULL,
    path text NOT NULL,
    app_id uuid NOT NULL REFERENCES app (id),
    -- http-handler, with target_path and backend_url in type_config
    type text NOT NULL,
    type_config jsonb NOT NULL DEFAULT '{}'::jsonb,
    is_last_deployment boolean NOT NULL DEFAULT false
);

CREATE TABLE deployment_hook (
    id uuid PRIMARY KEY,
    created_at timestamp without time zone NOT NULL,
    deployment_version text NOT NULL,
    -- array of {event, url}
    hooks jsonb NOT NULL,
    app_id uuid NOT NULL REFERENCES app (id),
    is_last_deployment boolean NOT NULL DEFAULT false
);

-- The plan new apps get. The original stamped it with CURRENT_TIMESTAMP, i.e. the session's local
-- time; UTC here, like every other timestamp of the schema.
INSERT INTO plan (id, created_at, updated_at, name, auth_enabled, is_default)
VALUES ('851fe550-e9d5-4d40-9ee1-2fd1e5f70ec7', timezone('UTC', now()), timezone('UTC', now()),
        'default', true, true);
