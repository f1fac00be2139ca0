CREATE TABLE tag (
    note_id text NOT NULL REFERENCES note (id),
    app_id text NOT NULL,
    name text NOT NULL,
    PRIMARY KEY (note_id, name)
);
-- a function body with semicolons checks that scripts run as one multi-statement text
CREATE FUNCTION tag_count(n text) RETURNS bigint LANGUAGE sql AS $$
    SELECT count(*) FROM tag WHERE note_id = n;
$$;
