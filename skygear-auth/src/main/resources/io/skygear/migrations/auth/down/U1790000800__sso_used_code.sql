DROP TABLE _auth_sso_used_code;
