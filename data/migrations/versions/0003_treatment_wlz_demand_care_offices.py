"""behandeling on voorzieningen; Wlz demand per gemeente (CIZ); zorgkantoor per zorgkantoorregio

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 12:00:00

Only additions: existing rows keep their values, `behandeling` starts empty (unknown).
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('voorziening', schema=None) as batch_op:
        batch_op.add_column(sa.Column('behandeling', sa.String(length=10), nullable=True))
    op.create_table('wlz_vraag',
    sa.Column('gemeentecode', sa.String(length=20), nullable=False),
    sa.Column('jaar', sa.Integer(), nullable=False),
    sa.Column('aantal', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('gemeentecode', 'jaar')
    )
    op.create_table('zorgkantoor',
    sa.Column('zorgkantoorregio', sa.String(length=20), nullable=False),
    sa.Column('zorgkantoor', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('zorgkantoorregio')
    )


def downgrade() -> None:
    op.drop_table('zorgkantoor')
    op.drop_table('wlz_vraag')
    with op.batch_alter_table('voorziening', schema=None) as batch_op:
        batch_op.drop_column('behandeling')
