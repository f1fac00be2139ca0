-- Back to exact login IDs. Values that fold alike could not coexist, so the exact constraint holds.
ALTER TABLE _auth_provider_password DROP CONSTRAINT _auth_provider_password_login_id_normalized_realm;
ALTER TABLE _auth_provider_password ADD CONSTRAINT _auth_provider_password_login_id_realm
    UNIQUE (app_id, login_id, realm);
ALTER TABLE _auth_provider_password DROP COLUMN login_id_normalized;
