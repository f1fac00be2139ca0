-- Every key of a tenant table leads with app_id, so that the tables distribute on Citus by app_id
-- as migrated (docs/deployment.md): Citus requires the distribution column in every primary key and
-- unique constraint, and on both sides of a foreign key between distributed tables. For one
-- PostgreSQL nothing changes: ids are random (UUIDs or identity values), so the same rows are unique,
-- and every statement of the gears already filters on app_id.
--
-- _core_user belongs to core, but only auth's foreign keys point at it, so it is widened here along
-- with them. Constraint names stay, so later migrations still find them. A host table with its own
-- foreign key onto _core_user (id) makes this script fail (and roll back): widen that key to
-- (app_id, user_id) first.

-- 1. foreign keys onto the single-column keys
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

-- 2. primary keys: (app_id, <the original key>)
ALTER TABLE _core_user
    DROP CONSTRAINT _core_user_pkey, ADD CONSTRAINT _core_user_pkey PRIMARY KEY (app_id, id);
ALTER TABLE _auth_principal
    DROP CONSTRAINT _auth_principal_pkey, ADD CONSTRAINT _auth_principal_pkey PRIMARY KEY (app_id, id);
ALTER TABLE _auth_provider_password
    DROP CONSTRAINT _auth_provider_password_pkey,
    ADD CONSTRAINT _auth_provider_password_pkey PRIMARY KEY (app_id, principal_id);
ALTER TABLE _auth_provider_oauth
    DROP CONSTRAINT _auth_provider_oauth_pkey,
    ADD CONSTRAINT _auth_provider_oauth_pkey PRIMARY KEY (app_id, principal_id);
ALTER TABLE _auth_provider_custom_token
    DROP CONSTRAINT _auth_provider_custom_token_pkey,
    ADD CONSTRAINT _auth_provider_custom_token_pkey PRIMARY KEY (app_id, principal_id);
ALTER TABLE _auth_user_profile
    DROP CONSTRAINT _auth_user_profile_pkey, ADD CONSTRAINT _auth_user_profile_pkey PRIMARY KEY (app_id, user_id);
ALTER TABLE _auth_password_history
    DROP CONSTRAINT _auth_password_history_pkey, ADD CONSTRAINT _auth_password_history_pkey PRIMARY KEY (app_id, id);
ALTER TABLE _auth_verify_code
    DROP CONSTRAINT _auth_verify_code_pkey, ADD CONSTRAINT _auth_verify_code_pkey PRIMARY KEY (app_id, id);
ALTER TABLE _auth_authenticator
    DROP CONSTRAINT _auth_authenticator_pkey, ADD CONSTRAINT _auth_authenticator_pkey PRIMARY KEY (app_id, id);
ALTER TABLE _auth_authenticator_totp
    DROP CONSTRAINT _auth_authenticator_totp_pkey,
    ADD CONSTRAINT _auth_authenticator_totp_pkey PRIMARY KEY (app_id, id);
ALTER TABLE _auth_authenticator_oob
    DROP CONSTRAINT _auth_authenticator_oob_pkey,
    ADD CONSTRAINT _auth_authenticator_oob_pkey PRIMARY KEY (app_id, id);
ALTER TABLE _auth_authenticator_oob_code
    DROP CONSTRAINT _auth_authenticator_oob_code_pkey,
    ADD CONSTRAINT _auth_authenticator_oob_code_pkey PRIMARY KEY (app_id, id);
ALTER TABLE _auth_authenticator_recovery_code
    DROP CONSTRAINT _auth_authenticator_recovery_code_pkey,
    ADD CONSTRAINT _auth_authenticator_recovery_code_pkey PRIMARY KEY (app_id, id);
ALTER TABLE _auth_authenticator_bearer_token
    DROP CONSTRAINT _auth_authenticator_bearer_token_pkey,
    ADD CONSTRAINT _auth_authenticator_bearer_token_pkey PRIMARY KEY (app_id, id);
ALTER TABLE _auth_session
    DROP CONSTRAINT _auth_session_pkey, ADD CONSTRAINT _auth_session_pkey PRIMARY KEY (app_id, id);
-- identity-keyed tables: the identity stays unique on its own in practice, app_id routes the row
ALTER TABLE _auth_hook_outbox
    DROP CONSTRAINT _auth_hook_outbox_pkey, ADD CONSTRAINT _auth_hook_outbox_pkey PRIMARY KEY (app_id, id);
ALTER TABLE _auth_audit_trail
    DROP CONSTRAINT _auth_audit_trail_pkey, ADD CONSTRAINT _auth_audit_trail_pkey PRIMARY KEY (app_id, id);
ALTER TABLE _auth_message_outbox
    DROP CONSTRAINT _auth_message_outbox_pkey, ADD CONSTRAINT _auth_message_outbox_pkey PRIMARY KEY (app_id, id);

-- 3. the foreign keys again, on (app_id, x) -> (app_id, id): a row can only point into its own app
ALTER TABLE _auth_principal ADD CONSTRAINT _auth_principal_user_id_fkey
    FOREIGN KEY (app_id, user_id) REFERENCES _core_user (app_id, id);
ALTER TABLE _auth_provider_password ADD CONSTRAINT _auth_provider_password_principal_id_fkey
    FOREIGN KEY (app_id, principal_id) REFERENCES _auth_principal (app_id, id);
ALTER TABLE _auth_provider_oauth ADD CONSTRAINT _auth_provider_oauth_principal_id_fkey
    FOREIGN KEY (app_id, principal_id) REFERENCES _auth_principal (app_id, id);
ALTER TABLE _auth_provider_custom_token ADD CONSTRAINT _auth_provider_custom_token_principal_id_fkey
    FOREIGN KEY (app_id, principal_id) REFERENCES _auth_principal (app_id, id);
ALTER TABLE _auth_user_profile ADD CONSTRAINT _auth_user_profile_user_id_fkey
    FOREIGN KEY (app_id, user_id) REFERENCES _core_user (app_id, id);
ALTER TABLE _auth_verify_code ADD CONSTRAINT _auth_verify_code_user_id_fkey
    FOREIGN KEY (app_id, user_id) REFERENCES _core_user (app_id, id);
ALTER TABLE _auth_authenticator ADD CONSTRAINT _auth_authenticator_user_id_fkey
    FOREIGN KEY (app_id, user_id) REFERENCES _core_user (app_id, id);
ALTER TABLE _auth_authenticator_totp ADD CONSTRAINT _auth_authenticator_totp_id_fkey
    FOREIGN KEY (app_id, id) REFERENCES _auth_authenticator (app_id, id);
ALTER TABLE _auth_authenticator_oob ADD CONSTRAINT _auth_authenticator_oob_id_fkey
    FOREIGN KEY (app_id, id) REFERENCES _auth_authenticator (app_id, id);
ALTER TABLE _auth_authenticator_oob_code ADD CONSTRAINT _auth_authenticator_oob_code_authenticator_id_fkey
    FOREIGN KEY (app_id, authenticator_id) REFERENCES _auth_authenticator (app_id, id);
ALTER TABLE _auth_authenticator_bearer_token ADD CONSTRAINT _auth_authenticator_bearer_token_parent_id_fkey
    FOREIGN KEY (app_id, parent_id) REFERENCES _auth_authenticator (app_id, id);
ALTER TABLE _auth_session ADD CONSTRAINT _auth_session_user_id_fkey
    FOREIGN KEY (app_id, user_id) REFERENCES _core_user (app_id, id);

-- 4. the outbox workers claim per app (one shard on Citus): due pending rows of one app, oldest first
CREATE INDEX _auth_hook_outbox_app_due_idx ON _auth_hook_outbox (app_id, next_attempt_at, id)
    WHERE status = 'pending';
CREATE INDEX _auth_message_outbox_app_due_idx ON _auth_message_outbox (app_id, next_attempt_at, id)
    WHERE status = 'pending';
