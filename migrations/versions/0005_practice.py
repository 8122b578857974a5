"""Practice: the purpose of an assessment, evidence pack keys, scenarios, attempts and results.

Every assessment already made is live. Practice attempts are numbered on their own
(TRN-2026-0001), so the year's sequence is unique per purpose. Undoing this removes the
practice attempts and their records: without the purpose column they would pass for live
assessments.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 19:04:46.185513

"""
from alembic import op
import sqlalchemy as sa

import eia.models.types


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('practice_scenarios',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('shipped', sa.Boolean(), nullable=False),
    sa.Column('based_on', sa.String(length=100), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', eia.models.types.UTCDateTime(), nullable=False),
    sa.Column('retired_at', eia.models.types.UTCDateTime(), nullable=True),
    sa.Column('retired_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_practice_scenarios_created_by_id_users')),
    sa.ForeignKeyConstraint(['retired_by_id'], ['users.id'], name=op.f('fk_practice_scenarios_retired_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_scenarios')),
    sa.UniqueConstraint('key', name=op.f('uq_practice_scenarios_key'))
    )
    op.create_table('practice_scenario_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scenario_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('saved_by_id', sa.Integer(), nullable=True),
    sa.Column('saved_at', eia.models.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['saved_by_id'], ['users.id'], name=op.f('fk_practice_scenario_versions_saved_by_id_users')),
    sa.ForeignKeyConstraint(['scenario_id'], ['practice_scenarios.id'], name=op.f('fk_practice_scenario_versions_scenario_id_practice_scenarios')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_scenario_versions')),
    sa.UniqueConstraint('scenario_id', 'sha256', name='uq_practice_scenario_versions_scenario_sha256')
    )
    with op.batch_alter_table('practice_scenario_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_scenario_versions_scenario_id'), ['scenario_id'], unique=False)

    op.create_table('practice_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('scenario_version_id', sa.Integer(), nullable=False),
    sa.Column('trainee_id', sa.Integer(), nullable=False),
    sa.Column('started_at', eia.models.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_practice_attempts_assessment_id_assessments')),
    sa.ForeignKeyConstraint(['scenario_version_id'], ['practice_scenario_versions.id'], name=op.f('fk_practice_attempts_scenario_version_id_practice_scenario_versions')),
    sa.ForeignKeyConstraint(['trainee_id'], ['users.id'], name=op.f('fk_practice_attempts_trainee_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_attempts')),
    sa.UniqueConstraint('assessment_id', name=op.f('uq_practice_attempts_assessment_id'))
    )
    with op.batch_alter_table('practice_attempts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_attempts_scenario_version_id'), ['scenario_version_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_practice_attempts_trainee_id'), ['trainee_id'], unique=False)

    op.create_table('practice_results',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('scenario_version_id', sa.Integer(), nullable=False),
    sa.Column('critical_found', sa.Integer(), nullable=False),
    sa.Column('critical_total', sa.Integer(), nullable=False),
    sa.Column('good_found', sa.Integer(), nullable=False),
    sa.Column('good_total', sa.Integer(), nullable=False),
    sa.Column('competent', sa.Boolean(), nullable=False),
    sa.Column('accepted_by_id', sa.Integer(), nullable=False),
    sa.Column('accepted_at', eia.models.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['accepted_by_id'], ['users.id'], name=op.f('fk_practice_results_accepted_by_id_users')),
    sa.ForeignKeyConstraint(['attempt_id'], ['practice_attempts.id'], name=op.f('fk_practice_results_attempt_id_practice_attempts')),
    sa.ForeignKeyConstraint(['scenario_version_id'], ['practice_scenario_versions.id'], name=op.f('fk_practice_results_scenario_version_id_practice_scenario_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_results')),
    sa.UniqueConstraint('attempt_id', name=op.f('uq_practice_results_attempt_id'))
    )
    op.create_table('practice_submissions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('submitted_at', eia.models.types.UTCDateTime(), nullable=False),
    sa.Column('critical_found', sa.Integer(), nullable=False),
    sa.Column('critical_total', sa.Integer(), nullable=False),
    sa.Column('good_found', sa.Integer(), nullable=False),
    sa.Column('good_total', sa.Integer(), nullable=False),
    sa.Column('missed', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['practice_attempts.id'], name=op.f('fk_practice_submissions_attempt_id_practice_attempts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_submissions')),
    sa.UniqueConstraint('attempt_id', 'number', name='uq_practice_submissions_attempt_number')
    )
    with op.batch_alter_table('practice_submissions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_submissions_attempt_id'), ['attempt_id'], unique=False)

    with op.batch_alter_table('assessments', schema=None) as batch_op:
        # Filled in as 'live' for the assessments already made, then left to the application.
        batch_op.add_column(sa.Column('purpose', sa.String(length=20), nullable=False,
                                      server_default='live'))
        batch_op.drop_constraint(batch_op.f('uq_assessments_year_sequence'), type_='unique')
        batch_op.create_index(batch_op.f('ix_assessments_purpose'), ['purpose'], unique=False)
        batch_op.create_unique_constraint('uq_assessments_purpose_year_sequence', ['purpose', 'year', 'sequence'])

    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.alter_column('purpose', server_default=None)

    # Not in batch mode: on SQLite that would copy the table and lose the triggers that keep
    # signed-off evidence unchangeable. Both databases add (and drop) a column in place.
    op.add_column('evidence_sources', sa.Column('pack_key', sa.String(length=20), nullable=True))



# What hangs off a version, deepest first. Deleted row by row rather than left to the
# cascades, which SQLite does not apply while a migration runs (see migrations/env.py).
_VERSION_CONTENT = (
    ("point_replies", "point_id IN (SELECT id FROM review_points WHERE review_id IN "
                      "(SELECT id FROM reviews WHERE version_id IN ({versions})))"),
    ("review_points", "review_id IN (SELECT id FROM reviews WHERE version_id IN ({versions}))"),
    ("impact_evidence", "impact_id IN (SELECT id FROM group_impacts WHERE version_id IN "
                        "({versions}))"),
    *((table, "version_id IN ({versions})") for table in (
        "reviews", "group_impacts", "evidence_sources", "engagements", "actions", "decisions",
        "publications", "sign_offs", "section_answers", "version_contributors",
        "workflow_events")),
)


def downgrade():
    # Practice attempts go first: their records, then their versions and everything in them,
    # then the assessments themselves.
    attempts = "SELECT id FROM practice_attempts"
    op.execute(f"DELETE FROM practice_results WHERE attempt_id IN ({attempts})")
    op.execute(f"DELETE FROM practice_submissions WHERE attempt_id IN ({attempts})")
    op.execute("DELETE FROM practice_attempts")
    training = "SELECT id FROM assessments WHERE purpose = 'training'"
    versions = f"SELECT id FROM assessment_versions WHERE assessment_id IN ({training})"
    for table, where in _VERSION_CONTENT:
        op.execute(f"DELETE FROM {table} WHERE {where.format(versions=versions)}")
    op.execute(f"DELETE FROM assessment_versions WHERE assessment_id IN ({training})")
    op.execute(f"DELETE FROM assessments WHERE purpose = 'training'")

    op.drop_column('evidence_sources', 'pack_key')

    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_constraint('uq_assessments_purpose_year_sequence', type_='unique')
        batch_op.drop_index(batch_op.f('ix_assessments_purpose'))
        batch_op.create_unique_constraint(batch_op.f('uq_assessments_year_sequence'), ['year', 'sequence'])
        batch_op.drop_column('purpose')

    with op.batch_alter_table('practice_submissions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practice_submissions_attempt_id'))

    op.drop_table('practice_submissions')
    op.drop_table('practice_results')
    with op.batch_alter_table('practice_attempts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practice_attempts_trainee_id'))
        batch_op.drop_index(batch_op.f('ix_practice_attempts_scenario_version_id'))

    op.drop_table('practice_attempts')
    with op.batch_alter_table('practice_scenario_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practice_scenario_versions_scenario_id'))

    op.drop_table('practice_scenario_versions')
    op.drop_table('practice_scenarios')
