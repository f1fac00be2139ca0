-- {{module}} {{version}}: {{name}} (undo)
-- Reverses up/V{{version}}__{{name}}.sql, statement by statement in reverse order.

