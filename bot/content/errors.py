"""The one error type for broken content files, naming the file and the key."""

from __future__ import annotations

from pathlib import Path


class ContentError(ValueError):
    """A content file is missing, unreadable or invalid; names the file and the key."""

    def __init__(self, file: Path | str, key: str, problem: str) -> None:
        self.file = str(file)
        self.key = key
        self.problem = problem
        super().__init__(f"{self.file}: {key}: {problem}")
