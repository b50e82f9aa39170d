"""Reminders: rules from procedures/reminders.yaml, queued in a SQLite outbox and delivered once."""
