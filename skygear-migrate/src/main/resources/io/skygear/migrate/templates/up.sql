-- {{module}} {{version}}: {{name}}
-- Runs in the module's transaction with search_path set to the target schema: use unqualified names.
-- Undo every change in down/U{{version}}__{{name}}.sql, in reverse order.

