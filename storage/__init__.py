"""Storage: the only place that knows SQL (models, engine, sessions, queries, migrations)."""
