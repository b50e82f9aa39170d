"""Adapters: translate platform payloads into Incoming and replies back; no logic of their own."""
