"""pilot commissions per region; convenant awareness per region, wave and stakeholder group

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 12:15:00

Only new tables: existing rows are untouched.
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('pilot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('regio', sa.String(length=20), nullable=False),
    sa.Column('commissie', sa.String(length=200), nullable=False),
    sa.Column('start', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('afspraken', sa.Text(), nullable=True),
    sa.Column('evaluatie', sa.Text(), nullable=True),
    sa.Column('advies', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('pilot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pilot_regio'), ['regio'], unique=False)
    op.create_table('bekendheid',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('regio', sa.String(length=20), nullable=False),
    sa.Column('golf', sa.String(length=40), nullable=False),
    sa.Column('stakeholder', sa.String(length=30), nullable=False),
    sa.Column('bekend', sa.Integer(), nullable=False),
    sa.Column('totaal', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['golf'], ['meetgolf.code'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('regio', 'golf', 'stakeholder')
    )
    with op.batch_alter_table('bekendheid', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bekendheid_golf'), ['golf'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('bekendheid', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bekendheid_golf'))
    op.drop_table('bekendheid')
    with op.batch_alter_table('pilot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pilot_regio'))
    op.drop_table('pilot')
