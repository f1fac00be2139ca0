CREATE TABLE note (
    id text PRIMARY KEY,
    app_id text NOT NULL,
    body text NOT NULL
);
CREATE INDEX note_app_id_idx ON note (app_id);
