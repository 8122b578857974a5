"""Historical records: past assessments imported from an organisation's archive.

The model is kept small. An imported record is an ordinary assessment version whose status is
"signed off" and whose new `imported` flag says it was signed off before Due Regard. Being
signed off, it is protected by everything that protects a signed-off version: the database
triggers of 0003 refuse any change to it or its content, the registers list it, and its review
date (in the monitoring section, as for any version) brings it into the reminders and the
review-due views, at once when the date has passed. The workflow refuses every move on it.
The triggers now lock the `imported` flag with the rest of a signed-off version, and the
recorded facts below once their version is signed off (a person's account may still be set).

What the source says happened before Due Regard is held as recorded facts in four tables,
never as Due Regard's own sign-off or workflow rows: `historical_records` (one per imported
version: the file and reference it came from, the completion date, the review as worded),
`historical_sign_offs` (who signed it off, in what role or body, when, and the decision),
`historical_revisions` (each revision's date and what changed) and `recorded_people` (the lead
officer, head of service and contributors as named, with a user only once an administrator
matches them to an account). A linked assessment names its parent through the new
`assessments.parent_id`. `archive_imports` keeps a batch of files imported from the page while
it runs, for its preview, progress and report.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 03:55:25.059849

"""
from alembic import op
import sqlalchemy as sa

import eia.models.types


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('archive_imports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('files', sa.Text(), nullable=False),
    sa.Column('outcomes', sa.Text(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('done', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', eia.models.types.UTCDateTime(), nullable=False),
    sa.Column('started_at', eia.models.types.UTCDateTime(), nullable=True),
    sa.Column('finished_at', eia.models.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_archive_imports_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_archive_imports'))
    )
    op.create_table('historical_records',
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('source_file', sa.String(length=255), nullable=False),
    sa.Column('source_reference', sa.String(length=100), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('review_wording', sa.Text(), nullable=False),
    sa.Column('imported_by_id', sa.Integer(), nullable=False),
    sa.Column('imported_at', eia.models.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['imported_by_id'], ['users.id'], name=op.f('fk_historical_records_imported_by_id_users')),
    sa.ForeignKeyConstraint(['version_id'], ['assessment_versions.id'], name=op.f('fk_historical_records_version_id_assessment_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('version_id', name=op.f('pk_historical_records'))
    )
    with op.batch_alter_table('historical_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_historical_records_source_reference'), ['source_reference'], unique=False)

    op.create_table('historical_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('revised_on', sa.Date(), nullable=False),
    sa.Column('what_changed', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['historical_records.version_id'], name=op.f('fk_historical_revisions_version_id_historical_records'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_historical_revisions'))
    )
    with op.batch_alter_table('historical_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_historical_revisions_version_id'), ['version_id'], unique=False)

    op.create_table('historical_sign_offs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('signed_by', sa.String(length=300), nullable=False),
    sa.Column('role_or_body', sa.String(length=300), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('decision', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['historical_records.version_id'], name=op.f('fk_historical_sign_offs_version_id_historical_records'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_historical_sign_offs'))
    )
    with op.batch_alter_table('historical_sign_offs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_historical_sign_offs_version_id'), ['version_id'], unique=False)

    op.create_table('recorded_people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('job_title', sa.String(length=200), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_recorded_people_user_id_users')),
    sa.ForeignKeyConstraint(['version_id'], ['historical_records.version_id'], name=op.f('fk_recorded_people_version_id_historical_records'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recorded_people'))
    )
    with op.batch_alter_table('recorded_people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recorded_people_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recorded_people_version_id'), ['version_id'], unique=False)

    # Not in batch mode: on SQLite a batch copies the table and loses the triggers that keep
    # signed-off versions unchangeable. Existing versions were all made in Due Regard.
    op.add_column('assessment_versions', sa.Column('imported', sa.Boolean(), nullable=False,
                                                   server_default=sa.false()))
    op.create_index(op.f('ix_assessment_versions_imported'), 'assessment_versions', ['imported'],
                    unique=False)

    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parent_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_assessments_parent_id'), ['parent_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_assessments_parent_id_assessments'), 'assessments', ['parent_id'], ['id'])

    _lock_version(VERSION_CONTENT_AFTER)
    _lock_history()



def downgrade():
    _unlock_history()
    _lock_version(VERSION_CONTENT_BEFORE)
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_assessments_parent_id_assessments'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_assessments_parent_id'))
        batch_op.drop_column('parent_id')

    op.drop_index(op.f('ix_assessment_versions_imported'), table_name='assessment_versions')
    op.drop_column('assessment_versions', 'imported')

    with op.batch_alter_table('recorded_people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recorded_people_version_id'))
        batch_op.drop_index(batch_op.f('ix_recorded_people_user_id'))

    op.drop_table('recorded_people')
    with op.batch_alter_table('historical_sign_offs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_historical_sign_offs_version_id'))

    op.drop_table('historical_sign_offs')
    with op.batch_alter_table('historical_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_historical_revisions_version_id'))

    op.drop_table('historical_revisions')
    with op.batch_alter_table('historical_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_historical_records_source_reference'))

    op.drop_table('historical_records')
    op.drop_table('archive_imports')


# --- The lock on signed-off versions and on what a record of the past recorded ---------------

LOCKED = "('signed_off', 'superseded')"
MESSAGE = "a signed-off version cannot be changed"
VERSION_CONTENT_BEFORE = ("assessment_id", "number", "framework_snapshot_id", "extra_groups",
                          "title", "assessment_type", "unit_id", "lead_officer_id",
                          "decision_maker", "decision_forum", "decision_date", "work_started_on",
                          "strategic_decision")
# An imported record stays one: the flag is locked with the rest of the version.
VERSION_CONTENT_AFTER = (*VERSION_CONTENT_BEFORE, "imported")
# The facts a record of the past holds, never changed once its version is signed off.
HISTORY_TABLES = ("historical_records", "historical_sign_offs", "historical_revisions")
# A person named by a record may be matched to an account later; who they were may not change.
PERSON_AS_NAMED = ("version_id", "role", "name", "job_title")


def _changed(columns, new: str, old: str, differ: str) -> str:
    return " OR ".join(f"{new}.{c} {differ} {old}.{c}" for c in columns)


def _lock_version(version_columns):
    """Lock `version_columns` of a signed-off version (as 0003 and 0004 did, with these)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"""
            CREATE OR REPLACE FUNCTION signed_off_version_guard() RETURNS trigger AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    IF OLD.status IN {LOCKED} THEN RAISE EXCEPTION '{MESSAGE}'; END IF;
                    RETURN OLD;
                END IF;
                IF OLD.status IN {LOCKED} AND (NEW.status NOT IN {LOCKED}
                   OR {_changed(version_columns, "NEW", "OLD", "IS DISTINCT FROM")})
                THEN
                    RAISE EXCEPTION '{MESSAGE}';
                END IF;
                RETURN NEW;
            END;
            $$ LANGUAGE plpgsql
        """)
        return
    op.execute("DROP TRIGGER signed_off_version_no_update")
    op.execute(f"""
        CREATE TRIGGER signed_off_version_no_update BEFORE UPDATE ON assessment_versions
        WHEN OLD.status IN {LOCKED} AND (NEW.status NOT IN {LOCKED}
             OR {_changed(version_columns, "NEW", "OLD", "IS NOT")})
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
    """)


def _lock_history():
    status_of = "(SELECT status FROM assessment_versions WHERE id = OLD.version_id)"
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"""
            CREATE FUNCTION historical_fact_guard() RETURNS trigger AS $$
            BEGIN
                IF {status_of} NOT IN {LOCKED} THEN
                    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
                END IF;
                IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'recorded_people' THEN
                    IF {_changed(PERSON_AS_NAMED, "NEW", "OLD", "IS DISTINCT FROM")} THEN
                        RAISE EXCEPTION '{MESSAGE}';
                    END IF;
                    RETURN NEW;
                END IF;
                RAISE EXCEPTION '{MESSAGE}';
            END;
            $$ LANGUAGE plpgsql
        """)
        for table in (*HISTORY_TABLES, "recorded_people"):
            op.execute(f"""
                CREATE TRIGGER {table}_locked BEFORE UPDATE OR DELETE ON {table}
                FOR EACH ROW EXECUTE FUNCTION historical_fact_guard()
            """)
        return
    refuse = f"SELECT RAISE(ABORT, '{MESSAGE}')"
    for table in HISTORY_TABLES:
        for event in ("UPDATE", "DELETE"):
            op.execute(f"""
                CREATE TRIGGER {table}_locked_{event.lower()} BEFORE {event} ON {table}
                WHEN {status_of} IN {LOCKED} BEGIN {refuse}; END
            """)
    op.execute(f"""
        CREATE TRIGGER recorded_people_locked_update BEFORE UPDATE ON recorded_people
        WHEN {status_of} IN {LOCKED} AND ({_changed(PERSON_AS_NAMED, "NEW", "OLD", "IS NOT")})
        BEGIN {refuse}; END
    """)
    op.execute(f"""
        CREATE TRIGGER recorded_people_locked_delete BEFORE DELETE ON recorded_people
        WHEN {status_of} IN {LOCKED} BEGIN {refuse}; END
    """)


def _unlock_history():
    if op.get_bind().dialect.name == "postgresql":
        for table in (*HISTORY_TABLES, "recorded_people"):
            op.execute(f"DROP TRIGGER {table}_locked ON {table}")
        op.execute("DROP FUNCTION historical_fact_guard()")
        return
    for table in (*HISTORY_TABLES, "recorded_people"):
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER {table}_locked_{event}")

