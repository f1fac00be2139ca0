-- The notes of the example app. A tenant table like Skygear's own: app_id on every row and first in
-- every key, so it distributes by app_id on Citus with the rest (docs/deployment.md). owner_id is the
-- _core_user id of the author; no foreign key, so deleting users stays the auth gear's business.
CREATE TABLE note (
    app_id text NOT NULL,
    id uuid NOT NULL,
    owner_id text NOT NULL,
    title text NOT NULL,
    body text NOT NULL,
    attachment text,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT note_pkey PRIMARY KEY (app_id, id)
);
-- The list: one owner's notes, newest first, paged by (created_at, id).
CREATE INDEX note_owner_created_idx ON note (app_id, owner_id, created_at DESC, id DESC);
