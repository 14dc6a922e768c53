def content_queries(captured) -> list[str]:
    """The SQL that reads content: not the database cache backend's own queries
    (they vanish with Redis), nor savepoints."""
    return [
        query["sql"]
        for query in captured.captured_queries
        if "django_cache" not in query["sql"] and "SAVEPOINT" not in query["sql"]
    ]
