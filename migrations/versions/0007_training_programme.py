"""The training programme: programmes, sessions and their facilitators and scenarios, bookings
with attendance, pathway records with their evidence, and the session a practice attempt was
started from.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 00:30:39.572136

"""
from alembic import op
import sqlalchemy as sa

import eia.models.types


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('training_programmes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('target_delegates', sa.Integer(), nullable=False),
    sa.Column('lead_id', sa.Integer(), nullable=True),
    sa.Column('created_at', eia.models.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['lead_id'], ['users.id'], name=op.f('fk_training_programmes_lead_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_programmes'))
    )
    op.create_table('pathway_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('paired_with_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', eia.models.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['paired_with_id'], ['users.id'], name=op.f('fk_pathway_records_paired_with_id_users')),
    sa.ForeignKeyConstraint(['person_id'], ['users.id'], name=op.f('fk_pathway_records_person_id_users')),
    sa.ForeignKeyConstraint(['programme_id'], ['training_programmes.id'], name=op.f('fk_pathway_records_programme_id_training_programmes')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_pathway_records_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pathway_records'))
    )
    with op.batch_alter_table('pathway_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pathway_records_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pathway_records_programme_id'), ['programme_id'], unique=False)

    op.create_table('training_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('format', sa.String(length=20), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('link', sa.String(length=500), nullable=False),
    sa.Column('starts_at', eia.models.types.UTCDateTime(), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('booked_count', sa.Integer(), nullable=False),
    sa.Column('audience', sa.String(length=20), nullable=False),
    sa.Column('audience_unit_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('announced_at', eia.models.types.UTCDateTime(), nullable=True),
    sa.Column('cancelled_at', eia.models.types.UTCDateTime(), nullable=True),
    sa.Column('cancel_reason', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', eia.models.types.UTCDateTime(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.CheckConstraint('booked_count >= 0 AND booked_count <= capacity', name=op.f('ck_training_sessions_places_within_capacity')),
    sa.CheckConstraint('capacity > 0', name=op.f('ck_training_sessions_capacity_positive')),
    sa.ForeignKeyConstraint(['audience_unit_id'], ['org_units.id'], name=op.f('fk_training_sessions_audience_unit_id_org_units')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_training_sessions_created_by_id_users')),
    sa.ForeignKeyConstraint(['programme_id'], ['training_programmes.id'], name=op.f('fk_training_sessions_programme_id_training_programmes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_sessions'))
    )
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_sessions_programme_id'), ['programme_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_sessions_starts_at'), ['starts_at'], unique=False)

    op.create_table('bookings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('access_needs', sa.Text(), nullable=False),
    sa.Column('booked_at', eia.models.types.UTCDateTime(), nullable=False),
    sa.Column('queued_at', eia.models.types.UTCDateTime(), nullable=True),
    sa.Column('promoted_at', eia.models.types.UTCDateTime(), nullable=True),
    sa.Column('cancelled_at', eia.models.types.UTCDateTime(), nullable=True),
    sa.Column('attendance', sa.String(length=20), nullable=True),
    sa.Column('attendance_marked_by_id', sa.Integer(), nullable=True),
    sa.Column('attendance_marked_at', eia.models.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['attendance_marked_by_id'], ['users.id'], name=op.f('fk_bookings_attendance_marked_by_id_users')),
    sa.ForeignKeyConstraint(['person_id'], ['users.id'], name=op.f('fk_bookings_person_id_users')),
    sa.ForeignKeyConstraint(['session_id'], ['training_sessions.id'], name=op.f('fk_bookings_session_id_training_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bookings')),
    sa.UniqueConstraint('session_id', 'person_id', name='uq_bookings_session_person')
    )
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bookings_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bookings_session_id'), ['session_id'], unique=False)

    op.create_table('pathway_evidence',
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['record_id'], ['pathway_records.id'], name=op.f('fk_pathway_evidence_record_id_pathway_records'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['training_sessions.id'], name=op.f('fk_pathway_evidence_session_id_training_sessions')),
    sa.PrimaryKeyConstraint('record_id', 'session_id', name=op.f('pk_pathway_evidence'))
    )
    op.create_table('session_facilitators',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['training_sessions.id'], name=op.f('fk_session_facilitators_session_id_training_sessions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_session_facilitators_user_id_users')),
    sa.PrimaryKeyConstraint('session_id', 'user_id', name=op.f('pk_session_facilitators'))
    )
    with op.batch_alter_table('session_facilitators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_facilitators_user_id'), ['user_id'], unique=False)

    op.create_table('session_scenarios',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('scenario_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['scenario_id'], ['practice_scenarios.id'], name=op.f('fk_session_scenarios_scenario_id_practice_scenarios')),
    sa.ForeignKeyConstraint(['session_id'], ['training_sessions.id'], name=op.f('fk_session_scenarios_session_id_training_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('session_id', 'scenario_id', name=op.f('pk_session_scenarios'))
    )
    with op.batch_alter_table('practice_attempts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_practice_attempts_session_id'), ['session_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_practice_attempts_session_id_training_sessions'), 'training_sessions', ['session_id'], ['id'])



def downgrade():
    with op.batch_alter_table('practice_attempts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_practice_attempts_session_id_training_sessions'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_practice_attempts_session_id'))
        batch_op.drop_column('session_id')

    op.drop_table('session_scenarios')
    with op.batch_alter_table('session_facilitators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_facilitators_user_id'))

    op.drop_table('session_facilitators')
    op.drop_table('pathway_evidence')
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bookings_session_id'))
        batch_op.drop_index(batch_op.f('ix_bookings_person_id'))

    op.drop_table('bookings')
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_sessions_starts_at'))
        batch_op.drop_index(batch_op.f('ix_training_sessions_programme_id'))

    op.drop_table('training_sessions')
    with op.batch_alter_table('pathway_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pathway_records_programme_id'))
        batch_op.drop_index(batch_op.f('ix_pathway_records_person_id'))

    op.drop_table('pathway_records')
    op.drop_table('training_programmes')
