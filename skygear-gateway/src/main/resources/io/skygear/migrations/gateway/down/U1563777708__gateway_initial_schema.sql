-- Undo of V1563777708__gateway_initial_schema.sql: drops what it created (the seeded plan row goes
-- with its table), children before parents. The app_config schema itself stays.

DROP TABLE deployment_hook;
DROP TABLE deployment_route;
DROP TABLE domain;
DROP TABLE app;
DROP TABLE config;
DROP TABLE plan;
