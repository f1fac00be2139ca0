-- Beyond the original (docs/gateway.md): plans gate any gear and carry quotas, apps choose a version
-- per gear, and every change to the config tables is announced on the channel skygear_app_config so
-- that each gateway node drops its cached tenants (hand-written SQL included).

-- Quotas of a plan; NULL means unlimited.
ALTER TABLE plan ADD COLUMN max_users bigint CHECK (max_users >= 0);
ALTER TABLE plan ADD COLUMN max_asset_bytes bigint CHECK (max_asset_bytes >= 0);
ALTER TABLE plan ADD COLUMN requests_per_minute bigint CHECK (requests_per_minute >= 0);

-- Gears a plan enables or disables. Without a row the original's rule holds: auth follows
-- plan.auth_enabled, asset is enabled, any other gear is not.
CREATE TABLE plan_gear (
    plan_id uuid NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    gear text NOT NULL,
    enabled boolean NOT NULL,
    PRIMARY KEY (plan_id, gear)
);

-- Version of a gear for an app (live, nightly or suspended). Without a row: auth follows
-- app.auth_version, any other gear is live.
CREATE TABLE app_gear_version (
    app_id uuid NOT NULL REFERENCES app (id) ON DELETE CASCADE,
    gear text NOT NULL,
    version text NOT NULL,
    PRIMARY KEY (app_id, gear)
);

CREATE FUNCTION notify_app_config_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('skygear_app_config', TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

CREATE TRIGGER plan_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plan
    FOR EACH STATEMENT EXECUTE FUNCTION notify_app_config_change();
CREATE TRIGGER config_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON config
    FOR EACH STATEMENT EXECUTE FUNCTION notify_app_config_change();
CREATE TRIGGER app_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON app
    FOR EACH STATEMENT EXECUTE FUNCTION notify_app_config_change();
CREATE TRIGGER domain_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON domain
    FOR EACH STATEMENT EXECUTE FUNCTION notify_app_config_change();
CREATE TRIGGER deployment_route_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON deployment_route
    FOR EACH STATEMENT EXECUTE FUNCTION notify_app_config_change();
CREATE TRIGGER deployment_hook_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON deployment_hook
    FOR EACH STATEMENT EXECUTE FUNCTION notify_app_config_change();
CREATE TRIGGER plan_gear_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plan_gear
    FOR EACH STATEMENT EXECUTE FUNCTION notify_app_config_change();
CREATE TRIGGER app_gear_version_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON app_gear_version
    FOR EACH STATEMENT EXECUTE FUNCTION notify_app_config_change();
