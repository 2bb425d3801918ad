"""Storage: the SQLAlchemy schema, opening and migrating the database, backups, the search index."""
