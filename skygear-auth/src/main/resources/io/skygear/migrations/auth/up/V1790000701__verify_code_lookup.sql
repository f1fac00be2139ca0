-- verify_code reads the latest code of a user; verify_request counts the recent ones.
CREATE INDEX _auth_verify_code_app_id_user_id_created_at_idx ON _auth_verify_code (app_id, user_id, created_at);
