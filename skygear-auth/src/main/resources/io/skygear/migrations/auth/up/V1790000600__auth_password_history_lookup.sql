-- The password history is read per user, newest first (policy history window) and pruned per user
-- (housekeeping). app_id first, as in every tenant index.
CREATE INDEX _auth_password_history_user_logged_at_idx
    ON _auth_password_history (app_id, user_id, logged_at DESC);
