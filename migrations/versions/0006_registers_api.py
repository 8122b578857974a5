"""Registers and the API: tags on assessments, personal API tokens, and the indexes the
registers' filters use.

Indexes are created with plain CREATE INDEX (not batch mode), so SQLite does not rebuild
assessment_versions and its immutability triggers stay as they are.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 19:20:00

"""
from alembic import op
import sqlalchemy as sa

import eia.models.types


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('tags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('created_at', eia.models.types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tags')),
    sa.UniqueConstraint('key', name=op.f('uq_tags_key'))
    )
    op.create_table('assessment_tags',
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_assessment_tags_assessment_id_assessments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tag_id'], ['tags.id'], name=op.f('fk_assessment_tags_tag_id_tags'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('assessment_id', 'tag_id', name=op.f('pk_assessment_tags'))
    )
    op.create_index(op.f('ix_assessment_tags_tag_id'), 'assessment_tags', ['tag_id'], unique=False)
    op.create_table('api_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('prefix', sa.String(length=16), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('scope', sa.String(length=10), nullable=False),
    sa.Column('created_at', eia.models.types.UTCDateTime(), nullable=False),
    sa.Column('expires_at', eia.models.types.UTCDateTime(), nullable=False),
    sa.Column('last_used_at', eia.models.types.UTCDateTime(), nullable=True),
    sa.Column('revoked_at', eia.models.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_api_tokens_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_tokens_token_hash'))
    )
    op.create_index(op.f('ix_api_tokens_user_id'), 'api_tokens', ['user_id'], unique=False)
    op.create_index(op.f('ix_assessment_versions_assessment_type'), 'assessment_versions', ['assessment_type'], unique=False)
    op.create_index(op.f('ix_assessment_versions_decision_date'), 'assessment_versions', ['decision_date'], unique=False)
    op.create_index('ix_group_impacts_group_id_impact', 'group_impacts', ['group_id', 'impact'], unique=False)
    op.create_index(op.f('ix_publications_published_at'), 'publications', ['published_at'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_publications_published_at'), table_name='publications')
    op.drop_index('ix_group_impacts_group_id_impact', table_name='group_impacts')
    op.drop_index(op.f('ix_assessment_versions_decision_date'), table_name='assessment_versions')
    op.drop_index(op.f('ix_assessment_versions_assessment_type'), table_name='assessment_versions')
    op.drop_index(op.f('ix_api_tokens_user_id'), table_name='api_tokens')
    op.drop_table('api_tokens')
    op.drop_index(op.f('ix_assessment_tags_tag_id'), table_name='assessment_tags')
    op.drop_table('assessment_tags')
    op.drop_table('tags')
