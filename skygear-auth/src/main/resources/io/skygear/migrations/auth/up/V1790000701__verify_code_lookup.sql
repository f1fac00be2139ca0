-- Codes in the order they were sent: only a user's latest code counts, and several codes may share a
-- created_at (a signup sends one per login ID in one transaction).
ALTER TABLE _auth_verify_code ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
-- verify_code reads the latest code of a user.
CREATE INDEX _auth_verify_code_app_id_user_id_seq_idx ON _auth_verify_code (app_id, user_id, seq);
