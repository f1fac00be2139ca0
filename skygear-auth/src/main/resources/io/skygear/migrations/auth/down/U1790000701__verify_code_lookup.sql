DROP INDEX _auth_verify_code_app_id_user_id_seq_idx;
ALTER TABLE _auth_verify_code DROP COLUMN seq;
