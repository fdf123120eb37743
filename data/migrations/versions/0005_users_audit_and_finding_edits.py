"""registered users and roles; append-only audit trail; withdrawn and corrected findings

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 15:00:00

New tables `gebruiker` and `audit`; `bevinding` gets `ingetrokken` (false for every existing finding),
`ingetrokken_reden` and `gewijzigd` (both empty). Existing rows are otherwise untouched.
A trigger refuses UPDATE and DELETE on `audit` (and TRUNCATE on PostgreSQL): the audit trail only grows.
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

REFUSED = "Het auditlogboek kan alleen worden aangevuld; bestaande regels wijzigen of verwijderen is niet toegestaan."


def upgrade() -> None:
    op.create_table('gebruiker',
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('rol', sa.String(length=20), nullable=False),
    sa.Column('aangemaakt', sa.DateTime(), nullable=False),
    sa.Column('door', sa.String(length=254), nullable=False),
    sa.PrimaryKeyConstraint('email')
    )
    op.create_table('audit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tijdstip', sa.DateTime(), nullable=False),
    sa.Column('gebruiker', sa.String(length=254), nullable=False),
    sa.Column('rol', sa.String(length=20), nullable=True),
    sa.Column('actie', sa.String(length=40), nullable=False),
    sa.Column('onderwerp', sa.String(length=300), nullable=False),
    sa.Column('details', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_tijdstip'), ['tijdstip'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_gebruiker'), ['gebruiker'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_actie'), ['actie'], unique=False)
    with op.batch_alter_table('bevinding', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ingetrokken', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('ingetrokken_reden', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('gewijzigd', sa.DateTime(), nullable=True))
    _protect_audit()


def _protect_audit() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(
            "CREATE FUNCTION audit_alleen_aanvullen() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{REFUSED}'; END; $$"
        )
        op.execute("CREATE TRIGGER audit_geen_wijziging BEFORE UPDATE OR DELETE ON audit "
                   "FOR EACH ROW EXECUTE FUNCTION audit_alleen_aanvullen()")
        op.execute("CREATE TRIGGER audit_niet_leegmaken BEFORE TRUNCATE ON audit "
                   "FOR EACH STATEMENT EXECUTE FUNCTION audit_alleen_aanvullen()")
    else:
        op.execute(f"CREATE TRIGGER audit_geen_wijziging BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END")
        op.execute(f"CREATE TRIGGER audit_geen_verwijdering BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TRIGGER audit_niet_leegmaken ON audit")
        op.execute("DROP TRIGGER audit_geen_wijziging ON audit")
        op.execute("DROP FUNCTION audit_alleen_aanvullen()")
    else:
        op.execute("DROP TRIGGER audit_geen_verwijdering")
        op.execute("DROP TRIGGER audit_geen_wijziging")
    with op.batch_alter_table('bevinding', schema=None) as batch_op:
        batch_op.drop_column('gewijzigd')
        batch_op.drop_column('ingetrokken_reden')
        batch_op.drop_column('ingetrokken')
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_actie'))
        batch_op.drop_index(batch_op.f('ix_audit_gebruiker'))
        batch_op.drop_index(batch_op.f('ix_audit_tijdstip'))
    op.drop_table('audit')
    op.drop_table('gebruiker')
