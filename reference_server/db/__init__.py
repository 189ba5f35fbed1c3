"""Persistence: SQLAlchemy 2 tables (created only by the alembic migrations) and engine set-up."""
