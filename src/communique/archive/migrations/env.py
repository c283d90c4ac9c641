"""Alembic environment: always run programmatically by communique.archive.db on a
connection that is already inside the caller's (locked) transaction."""

from alembic import context

from communique.archive.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
