"""The storage error type, in a module of its own so the command line can catch it without loading SQLite."""


class StorageError(RuntimeError):
    """The database cannot be opened or used; the message is Dutch and names the file."""
