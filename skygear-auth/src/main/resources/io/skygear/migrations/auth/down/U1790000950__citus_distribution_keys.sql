-- Restores the single-column keys of the earlier migrations (same names and definitions). It fails
-- if two apps have come to share an id, which random ids make practically impossible.

DROP INDEX _auth_hook_outbox_app_due_idx;
DROP INDEX _auth_message_outbox_app_due_idx;

ALTER TABLE _auth_principal DROP CONSTRAINT _auth_principal_user_id_fkey;
ALTER TABLE _auth_provider_password DROP CONSTRAINT _auth_provider_password_principal_id_fkey;
ALTER TABLE _auth_provider_oauth DROP CONSTRAINT _auth_provider_oauth_principal_id_fkey;
ALTER TABLE _auth_provider_custom_token DROP CONSTRAINT _auth_provider_custom_token_principal_id_fkey;
ALTER TABLE _auth_user_profile DROP CONSTRAINT _auth_user_profile_user_id_fkey;
ALTER TABLE _auth_verify_code DROP CONSTRAINT _auth_verify_code_user_id_fkey;
ALTER TABLE _auth_authenticator DROP CONSTRAINT _auth_authenticator_user_id_fkey;
ALTER TABLE _auth_authenticator_totp DROP CONSTRAINT _auth_authenticator_totp_id_fkey;
ALTER TABLE _auth_authenticator_oob DROP CONSTRAINT _auth_authenticator_oob_id_fkey;
ALTER TABLE _auth_authenticator_oob_code DROP CONSTRAINT _auth_authenticator_oob_code_authenticator_id_fkey;
ALTER TABLE _auth_authenticator_bearer_token DROP CONSTRAINT _auth_authenticator_bearer_token_parent_id_fkey;
ALTER TABLE _auth_session DROP CONSTRAINT _auth_session_user_id_fkey;

ALTER TABLE _core_user
    DROP CONSTRAINT _core_user_pkey, ADD CONSTRAINT _core_user_pkey PRIMARY KEY (id);
ALTER TABLE _auth_principal
    DROP CONSTRAINT _auth_principal_pkey, ADD CONSTRAINT _auth_principal_pkey PRIMARY KEY (id);
ALTER TABLE _auth_provider_password
    DROP CONSTRAINT _auth_provider_password_pkey,
    ADD CONSTRAINT _auth_provider_password_pkey PRIMARY KEY (principal_id);
ALTER TABLE _auth_provider_oauth
    DROP CONSTRAINT _auth_provider_oauth_pkey,
    ADD CONSTRAINT _auth_provider_oauth_pkey PRIMARY KEY (principal_id);
ALTER TABLE _auth_provider_custom_token
    DROP CONSTRAINT _auth_provider_custom_token_pkey,
    ADD CONSTRAINT _auth_provider_custom_token_pkey PRIMARY KEY (principal_id);
ALTER TABLE _auth_user_profile
    DROP CONSTRAINT _auth_user_profile_pkey, ADD CONSTRAINT _auth_user_profile_pkey PRIMARY KEY (user_id);
ALTER TABLE _auth_password_history
    DROP CONSTRAINT _auth_password_history_pkey, ADD CONSTRAINT _auth_password_history_pkey PRIMARY KEY (id);
ALTER TABLE _auth_verify_code
    DROP CONSTRAINT _auth_verify_code_pkey, ADD CONSTRAINT _auth_verify_code_pkey PRIMARY KEY (id);
ALTER TABLE _auth_authenticator
    DROP CONSTRAINT _auth_authenticator_pkey, ADD CONSTRAINT _auth_authenticator_pkey PRIMARY KEY (id);
ALTER TABLE _auth_authenticator_totp
    DROP CONSTRAINT _auth_authenticator_totp_pkey, ADD CONSTRAINT _auth_authenticator_totp_pkey PRIMARY KEY (id);
ALTER TABLE _auth_authenticator_oob
    DROP CONSTRAINT _auth_authenticator_oob_pkey, ADD CONSTRAINT _auth_authenticator_oob_pkey PRIMARY KEY (id);
ALTER TABLE _auth_authenticator_oob_code
    DROP CONSTRAINT _auth_authenticator_oob_code_pkey,
    ADD CONSTRAINT _auth_authenticator_oob_code_pkey PRIMARY KEY (id);
ALTER TABLE _auth_authenticator_recovery_code
    DROP CONSTRAINT _auth_authenticator_recovery_code_pkey,
    ADD CONSTRAINT _auth_authenticator_recovery_code_pkey PRIMARY KEY (id);
ALTER TABLE _auth_authenticator_bearer_token
    DROP CONSTRAINT _auth_authenticator_bearer_token_pkey,
    ADD CONSTRAINT _auth_authenticator_bearer_token_pkey PRIMARY KEY (id);
ALTER TABLE _auth_session
    DROP CONSTRAINT _auth_session_pkey, ADD CONSTRAINT _auth_session_pkey PRIMARY KEY (id);
ALTER TABLE _auth_hook_outbox
    DROP CONSTRAINT _auth_hook_outbox_pkey, ADD CONSTRAINT _auth_hook_outbox_pkey PRIMARY KEY (id);
ALTER TABLE _auth_audit_trail
    DROP CONSTRAINT _auth_audit_trail_pkey, ADD CONSTRAINT _auth_audit_trail_pkey PRIMARY KEY (id);
ALTER TABLE _auth_message_outbox
    DROP CONSTRAINT _auth_message_outbox_pkey, ADD CONSTRAINT _auth_message_outbox_pkey PRIMARY KEY (id);

ALTER TABLE _auth_principal ADD CONSTRAINT _auth_principal_user_id_fkey
    FOREIGN KEY (user_id) REFERENCES _core_user (id);
ALTER TABLE _auth_provider_password ADD CONSTRAINT _auth_provider_password_principal_id_fkey
    FOREIGN KEY (principal_id) REFERENCES _auth_principal (id);
ALTER TABLE _auth_provider_oauth ADD CONSTRAINT _auth_provider_oauth_principal_id_fkey
    FOREIGN KEY (principal_id) REFERENCES _auth_principal (id);
ALTER TABLE _auth_provider_custom_token ADD CONSTRAINT _auth_provider_custom_token_principal_id_fkey
    FOREIGN KEY (principal_id) REFERENCES _auth_principal (id);
ALTER TABLE _auth_user_profile ADD CONSTRAINT _auth_user_profile_user_id_fkey
    FOREIGN KEY (user_id) REFERENCES _core_user (id);
ALTER TABLE _auth_verify_code ADD CONSTRAINT _auth_verify_code_user_id_fkey
    FOREIGN KEY (user_id) REFERENCES _core_user (id);
ALTER TABLE _auth_authenticator ADD CONSTRAINT _auth_authenticator_user_id_fkey
    FOREIGN KEY (user_id) REFERENCES _core_user (id);
ALTER TABLE _auth_authenticator_totp ADD CONSTRAINT _auth_authenticator_totp_id_fkey
    FOREIGN KEY (id) REFERENCES _auth_authenticator (id);
ALTER TABLE _auth_authenticator_oob ADD CONSTRAINT _auth_authenticator_oob_id_fkey
    FOREIGN KEY (id) REFERENCES _auth_authenticator (id);
ALTER TABLE _auth_authenticator_oob_code ADD CONSTRAINT _auth_authenticator_oob_code_authenticator_id_fkey
    FOREIGN KEY (authenticator_id) REFERENCES _auth_authenticator (id);
ALTER TABLE _auth_authenticator_bearer_token ADD CONSTRAINT _auth_authenticator_bearer_token_parent_id_fkey
    FOREIGN KEY (parent_id) REFERENCES _auth_authenticator (id);
ALTER TABLE _auth_session ADD CONSTRAINT _auth_session_user_id_fkey
    FOREIGN KEY (user_id) REFERENCES _core_user (id);
