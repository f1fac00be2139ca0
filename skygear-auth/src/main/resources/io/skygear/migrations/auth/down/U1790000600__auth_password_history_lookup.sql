-- Undo of V1790000600__auth_password_history_lookup.sql.
DROP INDEX _auth_password_history_user_logged_at_idx;
