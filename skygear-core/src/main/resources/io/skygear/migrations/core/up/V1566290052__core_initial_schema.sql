-- Core schema of Skygear v2, consolidated: the final state of the original's migrations/core
-- (7 versions, up to and including 1566290052), as one script with the same version number so
-- that `version` reports what the original did.
--
-- Runs in the caller's tenant schema (the engine sets search_path); rows of every tenant are
-- discriminated by app_id.
--
-- Left out on purpose, because they are not part of the final state:
--   * _core_user.token_valid_since: created by core, dropped again by auth 1567504807;
--   * _core_role / _core_user_role: created and later removed by the original.

CREATE TABLE _core_user (
    -- Citus: the primary key stays (id) as in the original. Ids are random UUIDs, so adding
    -- app_id would not change behaviour for a single tenant; a distributed deployment widens it
    -- to (app_id, id) when it distributes by app_id.
    id text PRIMARY KEY,
    last_seen_at timestamp without time zone,
    last_login_at timestamp without time zone,
    disabled boolean NOT NULL DEFAULT false,
    disabled_message text,
    disabled_expiry timestamp without time zone,
    verified boolean NOT NULL DEFAULT false,
    verify_info jsonb NOT NULL DEFAULT '{}'::jsonb,
    app_id text NOT NULL
);

CREATE INDEX _core_user_app_id_idx ON _core_user (app_id);
