DROP TABLE _auth_audit_trail;
