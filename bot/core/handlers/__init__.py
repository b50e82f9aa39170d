"""Command handlers: each takes a Context and the arguments and returns replies."""
