"""collaboration dates (sinds, tot), source and import batch; codebook code on findings

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 11:55:00

`samenwerking.sinds` was a year (integer); it becomes a date. An existing year Y becomes Y-01-01, so every
row keeps its meaning (a tie known from the start of that year).
"""
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

_ties = sa.table('samenwerking', sa.column('id', sa.Integer), sa.column('sinds_jaar', sa.Integer),
                 sa.column('sinds', sa.Date))


def upgrade() -> None:
    with op.batch_alter_table('samenwerking', schema=None) as batch_op:
        batch_op.alter_column('sinds', new_column_name='sinds_jaar', existing_type=sa.Integer(), existing_nullable=True)
    with op.batch_alter_table('samenwerking', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sinds', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('tot', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('bron', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('importbatch_id', sa.Integer(), nullable=True))
    connection = op.get_bind()
    rows = connection.execute(sa.select(_ties.c.id, _ties.c.sinds_jaar).where(_ties.c.sinds_jaar.is_not(None))).all()
    for row_id, year in rows:
        connection.execute(_ties.update().where(_ties.c.id == row_id).values(sinds=date(int(year), 1, 1)))
    with op.batch_alter_table('samenwerking', schema=None) as batch_op:
        batch_op.drop_column('sinds_jaar')
    with op.batch_alter_table('bevinding', schema=None) as batch_op:
        batch_op.add_column(sa.Column('code', sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('bevinding', schema=None) as batch_op:
        batch_op.drop_column('code')
    with op.batch_alter_table('samenwerking', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sinds_jaar', sa.Integer(), nullable=True))
    connection = op.get_bind()
    rows = connection.execute(sa.select(_ties.c.id, _ties.c.sinds).where(_ties.c.sinds.is_not(None))).all()
    for row_id, since in rows:
        connection.execute(_ties.update().where(_ties.c.id == row_id).values(sinds_jaar=since.year))
    with op.batch_alter_table('samenwerking', schema=None) as batch_op:
        batch_op.drop_column('tot')
        batch_op.drop_column('bron')
        batch_op.drop_column('importbatch_id')
        batch_op.drop_column('sinds')
    with op.batch_alter_table('samenwerking', schema=None) as batch_op:
        batch_op.alter_column('sinds_jaar', new_column_name='sinds', existing_type=sa.Integer(), existing_nullable=True)
