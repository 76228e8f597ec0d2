"""Faceted Vietnamese full-text search over HTTP (FastAPI), on the index that
``python -m indexer build`` writes.  ``engine.Engine`` is the search itself;
``app`` wraps it in the HTTP contract described by ``models``."""
