"""Alembic environment: the engine is handed over by data.db.upgrade."""
from alembic import context

from data.models import Base

engine = context.config.attributes["engine"]
with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite needs table rebuilds for ALTER
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
