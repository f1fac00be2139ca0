DROP FUNCTION tag_count(text);
DROP TABLE tag;
