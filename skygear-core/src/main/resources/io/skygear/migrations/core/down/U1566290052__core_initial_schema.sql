-- Undo of V1566290052__core_initial_schema.sql. Run auth's undo first: its tables reference
-- _core_user.

DROP TABLE _core_user;
