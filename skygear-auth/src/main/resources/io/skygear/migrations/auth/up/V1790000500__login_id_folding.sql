-- Login IDs are compared in their folded form (deviation 6): NFKC for every key, and lower case after
-- NFKC for e-mail keys (LoginIdNormalizer). login_id keeps the value as typed; login_id_normalized
-- holds the folded form that lookups use and that is unique per app and realm.
--
-- Rows written by the original are backfilled with the value itself, so that the migration can never
-- fail on a collision. Such a row is found when its stored value is already in folded form (the usual
-- lower-case e-mail); one stored with capitals or non-NFKC characters is not, until an operator sets
-- its login_id_normalized (PostgreSQL's lower() depends on the database locale, so SQL cannot
-- reproduce the gear's folding reliably).
ALTER TABLE _auth_provider_password ADD COLUMN login_id_normalized text;
UPDATE _auth_provider_password SET login_id_normalized = login_id;
ALTER TABLE _auth_provider_password ALTER COLUMN login_id_normalized SET NOT NULL;

ALTER TABLE _auth_provider_password DROP CONSTRAINT _auth_provider_password_login_id_realm;
ALTER TABLE _auth_provider_password ADD CONSTRAINT _auth_provider_password_login_id_normalized_realm
    UNIQUE (app_id, login_id_normalized, realm);
