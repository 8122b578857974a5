"""What a programme learns from its sessions: survey receipts and anonymous responses, polls
with their receipts and anonymous answers, and reminders to book sent to staff.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 00:45:47.192278

"""
from alembic import op
import sqlalchemy as sa

import eia.models.types


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('booking_reminders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('reminded_on', sa.Date(), nullable=False),
    sa.Column('reminded_at', eia.models.types.UTCDateTime(), nullable=False),
    sa.Column('reminded_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['users.id'], name=op.f('fk_booking_reminders_person_id_users')),
    sa.ForeignKeyConstraint(['programme_id'], ['training_programmes.id'], name=op.f('fk_booking_reminders_programme_id_training_programmes')),
    sa.ForeignKeyConstraint(['reminded_by_id'], ['users.id'], name=op.f('fk_booking_reminders_reminded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking_reminders')),
    sa.UniqueConstraint('programme_id', 'person_id', 'reminded_on', name='uq_booking_reminders_once_a_day')
    )
    op.create_index(op.f('ix_booking_reminders_person_id'), 'booking_reminders', ['person_id'], unique=False)
    op.create_index(op.f('ix_booking_reminders_programme_id'), 'booking_reminders', ['programme_id'], unique=False)

    op.create_table('session_polls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('question', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('options', sa.Text(), nullable=False),
    sa.Column('opened_by_id', sa.Integer(), nullable=False),
    sa.Column('opened_at', eia.models.types.UTCDateTime(), nullable=False),
    sa.Column('closed_at', eia.models.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['opened_by_id'], ['users.id'], name=op.f('fk_session_polls_opened_by_id_users')),
    sa.ForeignKeyConstraint(['session_id'], ['training_sessions.id'], name=op.f('fk_session_polls_session_id_training_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_polls'))
    )
    op.create_index(op.f('ix_session_polls_session_id'), 'session_polls', ['session_id'], unique=False)

    op.create_table('survey_receipts',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['users.id'], name=op.f('fk_survey_receipts_person_id_users')),
    sa.ForeignKeyConstraint(['session_id'], ['training_sessions.id'], name=op.f('fk_survey_receipts_session_id_training_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('session_id', 'person_id', name=op.f('pk_survey_receipts'))
    )
    op.create_index(op.f('ix_survey_receipts_person_id'), 'survey_receipts', ['person_id'], unique=False)

    op.create_table('survey_responses',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('satisfaction', sa.Integer(), nullable=False),
    sa.Column('length', sa.String(length=20), nullable=False),
    sa.Column('pace', sa.String(length=20), nullable=False),
    sa.Column('confidence_before', sa.Integer(), nullable=False),
    sa.Column('confidence_after', sa.Integer(), nullable=False),
    sa.Column('most_useful', sa.Text(), nullable=False),
    sa.Column('to_change', sa.Text(), nullable=False),
    sa.CheckConstraint('confidence_after BETWEEN 1 AND 5', name=op.f('ck_survey_responses_confidence_after_1_to_5')),
    sa.CheckConstraint('confidence_before BETWEEN 1 AND 5', name=op.f('ck_survey_responses_confidence_before_1_to_5')),
    sa.CheckConstraint('satisfaction BETWEEN 1 AND 5', name=op.f('ck_survey_responses_satisfaction_1_to_5')),
    sa.ForeignKeyConstraint(['session_id'], ['training_sessions.id'], name=op.f('fk_survey_responses_session_id_training_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_responses'))
    )
    op.create_index(op.f('ix_survey_responses_session_id'), 'survey_responses', ['session_id'], unique=False)

    op.create_table('poll_answers',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['poll_id'], ['session_polls.id'], name=op.f('fk_poll_answers_poll_id_session_polls'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_poll_answers'))
    )
    op.create_index(op.f('ix_poll_answers_poll_id'), 'poll_answers', ['poll_id'], unique=False)

    op.create_table('poll_receipts',
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['users.id'], name=op.f('fk_poll_receipts_person_id_users')),
    sa.ForeignKeyConstraint(['poll_id'], ['session_polls.id'], name=op.f('fk_poll_receipts_poll_id_session_polls'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('poll_id', 'person_id', name=op.f('pk_poll_receipts'))
    )
    op.create_index(op.f('ix_poll_receipts_person_id'), 'poll_receipts', ['person_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_poll_receipts_person_id'), table_name='poll_receipts')
    op.drop_table('poll_receipts')
    op.drop_index(op.f('ix_poll_answers_poll_id'), table_name='poll_answers')
    op.drop_table('poll_answers')
    op.drop_index(op.f('ix_survey_responses_session_id'), table_name='survey_responses')
    op.drop_table('survey_responses')
    op.drop_index(op.f('ix_survey_receipts_person_id'), table_name='survey_receipts')
    op.drop_table('survey_receipts')
    op.drop_index(op.f('ix_session_polls_session_id'), table_name='session_polls')
    op.drop_table('session_polls')
    op.drop_index(op.f('ix_booking_reminders_programme_id'), table_name='booking_reminders')
    op.drop_index(op.f('ix_booking_reminders_person_id'), table_name='booking_reminders')
    op.drop_table('booking_reminders')
