"""Questions answered from the encoded guide: knowledge loading, Dutch text analysis, FTS5 search, answers."""
