"""The Slack adapter (Bolt): payloads become `Incoming`, the core's replies become Block Kit messages.

`app.build_app` wires the listeners, `server.serve` runs them over HTTP (waitress) or Socket Mode.
"""
