DROP TABLE _auth_hook_outbox;
