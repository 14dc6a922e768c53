"""What a visitor types into a search box, as text for Wagtail's search backends."""

# The database backend on SQLite quotes each term for FTS5 without escaping a double
# quote inside it ("unterminated string"); PostgreSQL builds its tsquery safely.
# Quotes carry no meaning in a plain-text search, so they become spaces everywhere.
_QUOTES = str.maketrans({'"': " ", "\u201c": " ", "\u201d": " "})


def plain_text(query: str) -> str:
    """Return the query without the characters the backends cannot take."""
    return " ".join(query.translate(_QUOTES).split())
