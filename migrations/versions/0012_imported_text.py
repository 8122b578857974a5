"""Imported text: the words of a past assessment's source that had no place of their own.

A Word document read into a record of the past may hold headings and notes that no template
places (an appendix, a note beside a table). They are kept word for word, under their heading,
in `historical_imported_text`, and locked like the record's other facts once it is signed off.
A sign-off recorded by its role or body alone ("Departmental equality group") is now allowed:
`historical_sign_offs.signed_by` may be empty, which the column already permits. A source
reference names one record only: the index on it becomes unique (where one is given), so two
imports running at once cannot both bring in the same record.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 07:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

TABLE = "historical_imported_text"
LOCKED = "('signed_off', 'superseded')"
MESSAGE = "a signed-off version cannot be changed"


def upgrade():
    op.create_table(TABLE,
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('heading', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['historical_records.version_id'], name=op.f('fk_historical_imported_text_version_id_historical_records'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_historical_imported_text'))
    )
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_historical_imported_text_version_id'), ['version_id'], unique=False)
    _lock()
    # Not in batch mode: on SQLite a batch may copy the table and lose its triggers.
    op.drop_index('ix_historical_records_source_reference', table_name='historical_records')
    op.create_index('uq_historical_records_source_reference', 'historical_records',
                    ['source_reference'], unique=True,
                    sqlite_where=sa.text("source_reference != ''"),
                    postgresql_where=sa.text("source_reference != ''"))


def downgrade():
    op.drop_index('uq_historical_records_source_reference', table_name='historical_records')
    op.create_index('ix_historical_records_source_reference', 'historical_records',
                    ['source_reference'], unique=False)
    _unlock()
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_historical_imported_text_version_id'))
    op.drop_table(TABLE)


def _lock():
    """Refuse any change to imported text once its version is signed off, as 0011 does for
    the record's other facts (the PostgreSQL function of 0011 serves this table too)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"""
            CREATE TRIGGER {TABLE}_locked BEFORE UPDATE OR DELETE ON {TABLE}
            FOR EACH ROW EXECUTE FUNCTION historical_fact_guard()
        """)
        return
    status_of = "(SELECT status FROM assessment_versions WHERE id = OLD.version_id)"
    for event in ("UPDATE", "DELETE"):
        op.execute(f"""
            CREATE TRIGGER {TABLE}_locked_{event.lower()} BEFORE {event} ON {TABLE}
            WHEN {status_of} IN {LOCKED} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
        """)


def _unlock():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER {TABLE}_locked ON {TABLE}")
        return
    for event in ("update", "delete"):
        op.execute(f"DROP TRIGGER {TABLE}_locked_{event}")
