"""initial registry schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-26 09:14:47.974984
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('dataset_info',
    sa.Column('sleutel', sa.String(length=50), nullable=False),
    sa.Column('waarde', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('sleutel')
    )
    op.create_table('importbatch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('soort', sa.String(length=30), nullable=False),
    sa.Column('bestandsnaam', sa.String(length=300), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('tijdstip', sa.DateTime(), nullable=False),
    sa.Column('rijen_totaal', sa.Integer(), nullable=False),
    sa.Column('rijen_geimporteerd', sa.Integer(), nullable=False),
    sa.Column('rijen_afgewezen', sa.Integer(), nullable=False),
    sa.Column('gebruiker', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('meetgolf',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('volgorde', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('organisatie',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('naam', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('regio',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('niveau', sa.String(length=20), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('naam', sa.String(length=200), nullable=False),
    sa.Column('jaar', sa.Integer(), nullable=True),
    sa.Column('inwoners', sa.Integer(), nullable=True),
    sa.Column('geometrie', sa.LargeBinary(), nullable=True),
    sa.Column('geometrie_web', sa.LargeBinary(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('niveau', 'code')
    )
    with op.batch_alter_table('regio', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_regio_code'), ['code'], unique=False)
        batch_op.create_index(batch_op.f('ix_regio_niveau'), ['niveau'], unique=False)

    op.create_table('regio_lidmaatschap',
    sa.Column('kind_code', sa.String(length=20), nullable=False),
    sa.Column('ouder_niveau', sa.String(length=20), nullable=False),
    sa.Column('ouder_code', sa.String(length=20), nullable=False),
    sa.Column('overlap', sa.Float(), nullable=True),
    sa.PrimaryKeyConstraint('kind_code', 'ouder_niveau')
    )
    with op.batch_alter_table('regio_lidmaatschap', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_regio_lidmaatschap_ouder_code'), ['ouder_code'], unique=False)

    op.create_table('bevinding',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sleutel', sa.String(length=64), nullable=False),
    sa.Column('regio', sa.String(length=20), nullable=False),
    sa.Column('golf', sa.String(length=40), nullable=False),
    sa.Column('stakeholder', sa.String(length=30), nullable=False),
    sa.Column('voorwaarde', sa.String(length=30), nullable=False),
    sa.Column('richting', sa.Integer(), nullable=False),
    sa.Column('gewicht', sa.Integer(), nullable=False),
    sa.Column('bron', sa.String(length=200), nullable=True),
    sa.Column('tekst', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['golf'], ['meetgolf.code'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('sleutel')
    )
    with op.batch_alter_table('bevinding', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bevinding_golf'), ['golf'], unique=False)
        batch_op.create_index(batch_op.f('ix_bevinding_regio'), ['regio'], unique=False)

    op.create_table('convenant_actie',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actie', sa.String(length=200), nullable=False),
    sa.Column('partij', sa.String(length=100), nullable=False),
    sa.Column('golf', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('regio', sa.String(length=20), nullable=False),
    sa.Column('toelichting', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['golf'], ['meetgolf.code'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('actie', 'partij', 'golf', 'regio')
    )
    with op.batch_alter_table('convenant_actie', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_convenant_actie_golf'), ['golf'], unique=False)

    op.create_table('voorziening',
    sa.Column('id', sa.String(length=100), nullable=False),
    sa.Column('type', sa.String(length=30), nullable=False),
    sa.Column('naam', sa.String(length=300), nullable=False),
    sa.Column('organisatie_id', sa.String(length=100), nullable=True),
    sa.Column('adres', sa.String(length=300), nullable=True),
    sa.Column('postcode', sa.String(length=10), nullable=True),
    sa.Column('plaats', sa.String(length=100), nullable=True),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.Column('lon', sa.Float(), nullable=False),
    sa.Column('locatie_bij_benadering', sa.Boolean(), nullable=False),
    sa.Column('avg_fte', sa.Float(), nullable=True),
    sa.Column('clienten', sa.Integer(), nullable=True),
    sa.Column('anw_open', sa.Boolean(), nullable=True),
    sa.ForeignKeyConstraint(['organisatie_id'], ['organisatie.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('voorziening', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voorziening_organisatie_id'), ['organisatie_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_voorziening_type'), ['type'], unique=False)

    op.create_table('hap_werkgebied',
    sa.Column('hap_id', sa.String(length=100), nullable=False),
    sa.Column('bron', sa.String(length=20), nullable=False),
    sa.Column('geometrie', sa.LargeBinary(), nullable=True),
    sa.ForeignKeyConstraint(['hap_id'], ['voorziening.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('hap_id')
    )
    op.create_table('samenwerking',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('van', sa.String(length=100), nullable=False),
    sa.Column('naar', sa.String(length=100), nullable=False),
    sa.Column('soort', sa.String(length=40), nullable=False),
    sa.Column('sinds', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['naar'], ['voorziening.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['van'], ['voorziening.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('van', 'naar', 'soort')
    )
    with op.batch_alter_table('samenwerking', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_samenwerking_naar'), ['naar'], unique=False)
        batch_op.create_index(batch_op.f('ix_samenwerking_van'), ['van'], unique=False)

    op.create_table('hap_werkgebied_pc4',
    sa.Column('hap_id', sa.String(length=100), nullable=False),
    sa.Column('pc4', sa.String(length=4), nullable=False),
    sa.ForeignKeyConstraint(['hap_id'], ['hap_werkgebied.hap_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('hap_id', 'pc4')
    )
    with op.batch_alter_table('hap_werkgebied_pc4', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hap_werkgebied_pc4_pc4'), ['pc4'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('hap_werkgebied_pc4', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hap_werkgebied_pc4_pc4'))

    op.drop_table('hap_werkgebied_pc4')
    with op.batch_alter_table('samenwerking', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_samenwerking_van'))
        batch_op.drop_index(batch_op.f('ix_samenwerking_naar'))

    op.drop_table('samenwerking')
    op.drop_table('hap_werkgebied')
    with op.batch_alter_table('voorziening', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_voorziening_type'))
        batch_op.drop_index(batch_op.f('ix_voorziening_organisatie_id'))

    op.drop_table('voorziening')
    with op.batch_alter_table('convenant_actie', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_convenant_actie_golf'))

    op.drop_table('convenant_actie')
    with op.batch_alter_table('bevinding', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bevinding_regio'))
        batch_op.drop_index(batch_op.f('ix_bevinding_golf'))

    op.drop_table('bevinding')
    with op.batch_alter_table('regio_lidmaatschap', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_regio_lidmaatschap_ouder_code'))

    op.drop_table('regio_lidmaatschap')
    with op.batch_alter_table('regio', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_regio_niveau'))
        batch_op.drop_index(batch_op.f('ix_regio_code'))

    op.drop_table('regio')
    op.drop_table('organisatie')
    op.drop_table('meetgolf')
    op.drop_table('importbatch')
    op.drop_table('dataset_info')
