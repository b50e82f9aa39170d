"""SQLite storage through sqlite-utils: schema migrations, procedure state, roles, audit log."""
