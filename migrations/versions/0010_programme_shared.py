"""What a training programme's facilitators share: the best-practice document's sections and
revisions, the question board with its replies and digest choices, and the resource library
with each resource's versions.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 00:36:19.757228

"""
from alembic import op
import sqlalchemy as sa

import eia.models.types


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('board_digest_choices',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('chosen_at', eia.models.types.UTCDateTime(), nullable=False),
    sa.Column('covered_until', eia.models.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['programme_id'], ['training_programmes.id'], name=op.f('fk_board_digest_choices_programme_id_training_programmes')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_board_digest_choices_user_id_users')),
    sa.PrimaryKeyConstraint('programme_id', 'user_id', name=op.f('pk_board_digest_choices'))
    )
    op.create_index(op.f('ix_board_digest_choices_user_id'), 'board_digest_choices', ['user_id'])
    op.create_table('board_questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('posted_at', eia.models.types.UTCDateTime(), nullable=False),
    sa.Column('answered_at', eia.models.types.UTCDateTime(), nullable=True),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], name=op.f('fk_board_questions_answered_by_id_users')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_board_questions_author_id_users')),
    sa.ForeignKeyConstraint(['programme_id'], ['training_programmes.id'], name=op.f('fk_board_questions_programme_id_training_programmes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_board_questions'))
    )
    op.create_index(op.f('ix_board_questions_posted_at'), 'board_questions', ['posted_at'])
    op.create_index(op.f('ix_board_questions_programme_id'), 'board_questions', ['programme_id'])
    op.create_table('practice_note_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('summary', sa.String(length=300), nullable=False),
    sa.Column('snapshot', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('saved_at', eia.models.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_practice_note_revisions_author_id_users')),
    sa.ForeignKeyConstraint(['programme_id'], ['training_programmes.id'], name=op.f('fk_practice_note_revisions_programme_id_training_programmes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_note_revisions')),
    sa.UniqueConstraint('programme_id', 'number', name='uq_practice_note_revisions_programme_number')
    )
    op.create_index(op.f('ix_practice_note_revisions_programme_id'), 'practice_note_revisions', ['programme_id'])
    op.create_table('practice_note_sections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('heading', sa.String(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('changed_in', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['programme_id'], ['training_programmes.id'], name=op.f('fk_practice_note_sections_programme_id_training_programmes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_note_sections'))
    )
    op.create_index(op.f('ix_practice_note_sections_programme_id'), 'practice_note_sections', ['programme_id'])
    op.create_table('programme_resources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('topic', sa.String(length=200), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('created_at', eia.models.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_programme_resources_owner_id_users')),
    sa.ForeignKeyConstraint(['programme_id'], ['training_programmes.id'], name=op.f('fk_programme_resources_programme_id_training_programmes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_resources'))
    )
    op.create_index(op.f('ix_programme_resources_programme_id'), 'programme_resources', ['programme_id'])
    op.create_table('board_replies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('posted_at', eia.models.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_board_replies_author_id_users')),
    sa.ForeignKeyConstraint(['question_id'], ['board_questions.id'], name=op.f('fk_board_replies_question_id_board_questions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_board_replies'))
    )
    op.create_index(op.f('ix_board_replies_posted_at'), 'board_replies', ['posted_at'])
    op.create_index(op.f('ix_board_replies_question_id'), 'board_replies', ['question_id'])
    op.create_table('resource_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resource_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
    sa.Column('uploaded_at', eia.models.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['resource_id'], ['programme_resources.id'], name=op.f('fk_resource_versions_resource_id_programme_resources')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_resource_versions_uploaded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resource_versions')),
    sa.UniqueConstraint('resource_id', 'number', name='uq_resource_versions_resource_number')
    )
    op.create_index(op.f('ix_resource_versions_resource_id'), 'resource_versions', ['resource_id'])


def downgrade():
    op.drop_index(op.f('ix_resource_versions_resource_id'), table_name='resource_versions')
    op.drop_table('resource_versions')
    op.drop_index(op.f('ix_board_replies_question_id'), table_name='board_replies')
    op.drop_index(op.f('ix_board_replies_posted_at'), table_name='board_replies')
    op.drop_table('board_replies')
    op.drop_index(op.f('ix_programme_resources_programme_id'), table_name='programme_resources')
    op.drop_table('programme_resources')
    op.drop_index(op.f('ix_practice_note_sections_programme_id'), table_name='practice_note_sections')
    op.drop_table('practice_note_sections')
    op.drop_index(op.f('ix_practice_note_revisions_programme_id'), table_name='practice_note_revisions')
    op.drop_table('practice_note_revisions')
    op.drop_index(op.f('ix_board_questions_programme_id'), table_name='board_questions')
    op.drop_index(op.f('ix_board_questions_posted_at'), table_name='board_questions')
    op.drop_table('board_questions')
    op.drop_index(op.f('ix_board_digest_choices_user_id'), table_name='board_digest_choices')
    op.drop_table('board_digest_choices')
