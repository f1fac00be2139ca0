-- Undo of V1790001000__gateway_plans_gears_notify.sql.

DROP TRIGGER plan_changed ON plan;
DROP TRIGGER config_changed ON config;
DROP TRIGGER app_changed ON app;
DROP TRIGGER domain_changed ON domain;
DROP TRIGGER deployment_route_changed ON deployment_route;
DROP TRIGGER deployment_hook_changed ON deployment_hook;
DROP TABLE app_gear_version;
DROP TABLE plan_gear;
DROP FUNCTION notify_app_config_change();
ALTER TABLE plan DROP COLUMN requests_per_minute;
ALTER TABLE plan DROP COLUMN max_asset_bytes;
ALTER TABLE plan DROP COLUMN max_users;
