CREATE TABLE thing (id integer PRIMARY KEY, label text NOT NULL);
INSERT INTO thing VALUES (1, 'first');
