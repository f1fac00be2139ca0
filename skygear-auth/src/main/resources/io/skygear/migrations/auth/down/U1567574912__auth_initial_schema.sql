-- Undo of V1567574912__auth_initial_schema.sql: drops what it created, children before parents.
-- core's _core_user stays.

DROP TABLE _auth_authenticator_bearer_token;
DROP TABLE _auth_authenticator_recovery_code;
DROP TABLE _auth_authenticator_oob_code;
DROP TABLE _auth_authenticator_oob;
DROP TABLE _auth_authenticator_totp;
DROP TABLE _auth_authenticator;

DROP SEQUENCE _auth_event_sequence;

DROP TABLE _auth_verify_code;
DROP TABLE _auth_password_history;
DROP TABLE _auth_user_profile;

DROP TABLE _auth_provider_custom_token;
DROP TABLE _auth_provider_oauth;
DROP TABLE _auth_provider_password;
DROP TABLE _auth_principal;
