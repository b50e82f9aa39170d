"""The platform-free core: an incoming message in, a list of replies out.

Nothing here imports Slack, Teams, SQLite or reads the environment or the clock.
"""
