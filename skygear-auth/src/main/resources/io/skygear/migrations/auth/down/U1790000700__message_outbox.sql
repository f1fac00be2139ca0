DROP TABLE _auth_message_outbox;
