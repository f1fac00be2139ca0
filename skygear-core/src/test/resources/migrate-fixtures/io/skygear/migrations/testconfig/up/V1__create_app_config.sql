-- Minimal shape of the gateway's config tables, as the multi-tenant runner reads them.
CREATE TABLE config (
    id uuid PRIMARY KEY,
    config jsonb NOT NULL,
    app_id uuid NOT NULL
);
CREATE TABLE app (
    id uuid PRIMARY KEY,
    name text NOT NULL UNIQUE,
    config_id uuid NOT NULL REFERENCES config (id),
    auth_version text NOT NULL
);
