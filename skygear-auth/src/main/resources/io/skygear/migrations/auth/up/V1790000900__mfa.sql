-- MFA (the tables themselves are in the initial schema).
-- The last TOTP time step accepted per authenticator: a code is accepted once, by one atomic UPDATE
-- that only moves forward, so it cannot be replayed within its window on any node.
ALTER TABLE _auth_authenticator_totp ADD COLUMN last_used_step bigint;
-- Recovery codes are stored hashed in code; when the tenant lets users list them again, an AES-GCM
-- sealed copy (key derived from the tenant's authentication-session secret) is kept here.
ALTER TABLE _auth_authenticator_recovery_code ADD COLUMN sealed_code text;
CREATE INDEX _auth_authenticator_user_idx ON _auth_authenticator (app_id, user_id, type);
CREATE INDEX _auth_authenticator_oob_code_authenticator_idx ON _auth_authenticator_oob_code (app_id, authenticator_id);
CREATE INDEX _auth_authenticator_bearer_token_parent_idx ON _auth_authenticator_bearer_token (app_id, parent_id);
