DROP TABLE _auth_rate_limit;
