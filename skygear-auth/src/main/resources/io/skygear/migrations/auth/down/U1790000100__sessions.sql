-- Undo of V1790000100: drops the sessions (every user is logged out).
DROP TABLE _auth_session;
