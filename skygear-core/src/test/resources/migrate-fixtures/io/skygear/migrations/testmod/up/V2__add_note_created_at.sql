ALTER TABLE note ADD COLUMN created_at timestamp without time zone NOT NULL DEFAULT now();
