DROP TABLE thing_extra;
