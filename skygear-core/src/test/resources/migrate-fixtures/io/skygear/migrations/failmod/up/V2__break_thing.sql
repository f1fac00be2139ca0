-- The first statement succeeds, the second fails: nothing of this version may remain.
CREATE TABLE thing_extra (id integer PRIMARY KEY);
UPDATE thing SET label = 'changed';
INSERT INTO thing VALUES (1, 'duplicate');
