"""Assessments: versions, framework snapshots, section answers, evidence, engagement,
impacts, actions and settings.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 22:27:36.472853

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('framework_snapshots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('framework_id', sa.String(length=100), nullable=False),
    sa.Column('version', sa.String(length=50), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_framework_snapshots')),
    sa.UniqueConstraint('sha256', name=op.f('uq_framework_snapshots_sha256'))
    )
    op.create_table('settings',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=20), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_assessments_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessments')),
    sa.UniqueConstraint('reference', name=op.f('uq_assessments_reference')),
    sa.UniqueConstraint('year', 'sequence', name='uq_assessments_year_sequence')
    )
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessments_created_by_id'), ['created_by_id'], unique=False)

    op.create_table('evidence_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_evidence_files_uploaded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence_files'))
    )
    op.create_table('assessment_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('framework_snapshot_id', sa.Integer(), nullable=False),
    sa.Column('extra_groups', sa.Text(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('assessment_type', sa.String(length=30), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('lead_officer_id', sa.Integer(), nullable=False),
    sa.Column('decision_maker', sa.String(length=300), nullable=False),
    sa.Column('decision_forum', sa.String(length=300), nullable=False),
    sa.Column('decision_date', sa.Date(), nullable=True),
    sa.Column('work_started_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('lock_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_assessment_versions_assessment_id_assessments')),
    sa.ForeignKeyConstraint(['framework_snapshot_id'], ['framework_snapshots.id'], name=op.f('fk_assessment_versions_framework_snapshot_id_framework_snapshots')),
    sa.ForeignKeyConstraint(['lead_officer_id'], ['users.id'], name=op.f('fk_assessment_versions_lead_officer_id_users')),
    sa.ForeignKeyConstraint(['unit_id'], ['org_units.id'], name=op.f('fk_assessment_versions_unit_id_org_units')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_assessment_versions_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_versions')),
    sa.UniqueConstraint('assessment_id', 'number', name='uq_assessment_versions_assessment_number')
    )
    with op.batch_alter_table('assessment_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_versions_assessment_id'), ['assessment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessment_versions_lead_officer_id'), ['lead_officer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessment_versions_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessment_versions_unit_id'), ['unit_id'], unique=False)

    op.create_table('actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('groups', sa.Text(), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('success_measure', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('lock_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['assessment_versions.id'], name=op.f('fk_actions_version_id_assessment_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actions'))
    )
    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actions_version_id'), ['version_id'], unique=False)

    op.create_table('engagements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('who', sa.Text(), nullable=False),
    sa.Column('when', sa.String(length=100), nullable=False),
    sa.Column('how', sa.Text(), nullable=False),
    sa.Column('what_they_said', sa.Text(), nullable=False),
    sa.Column('what_changed', sa.Text(), nullable=False),
    sa.Column('lock_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['assessment_versions.id'], name=op.f('fk_engagements_version_id_assessment_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_engagements'))
    )
    with op.batch_alter_table('engagements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_engagements_version_id'), ['version_id'], unique=False)

    op.create_table('evidence_sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('period', sa.String(length=100), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=True),
    sa.Column('lock_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['file_id'], ['evidence_files.id'], name=op.f('fk_evidence_sources_file_id_evidence_files')),
    sa.ForeignKeyConstraint(['version_id'], ['assessment_versions.id'], name=op.f('fk_evidence_sources_version_id_assessment_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence_sources'))
    )
    with op.batch_alter_table('evidence_sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_sources_version_id'), ['version_id'], unique=False)

    op.create_table('group_impacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.String(length=60), nullable=False),
    sa.Column('impact', sa.String(length=20), nullable=False),
    sa.Column('effect', sa.Text(), nullable=False),
    sa.Column('no_evidence_reason', sa.Text(), nullable=False),
    sa.Column('mitigation', sa.Text(), nullable=False),
    sa.Column('residual_impact', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('lock_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['assessment_versions.id'], name=op.f('fk_group_impacts_version_id_assessment_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_group_impacts')),
    sa.UniqueConstraint('version_id', 'group_id', name='uq_group_impacts_version_group')
    )
    with op.batch_alter_table('group_impacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_group_impacts_version_id'), ['version_id'], unique=False)

    op.create_table('section_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('section_id', sa.String(length=60), nullable=False),
    sa.Column('answers', sa.Text(), nullable=False),
    sa.Column('completed', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('lock_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_section_answers_updated_by_id_users')),
    sa.ForeignKeyConstraint(['version_id'], ['assessment_versions.id'], name=op.f('fk_section_answers_version_id_assessment_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_section_answers')),
    sa.UniqueConstraint('version_id', 'section_id', name='uq_section_answers_version_section')
    )
    with op.batch_alter_table('section_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_section_answers_version_id'), ['version_id'], unique=False)

    op.create_table('version_contributors',
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_version_contributors_user_id_users')),
    sa.ForeignKeyConstraint(['version_id'], ['assessment_versions.id'], name=op.f('fk_version_contributors_version_id_assessment_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('version_id', 'user_id', name=op.f('pk_version_contributors'))
    )
    with op.batch_alter_table('version_contributors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_version_contributors_user_id'), ['user_id'], unique=False)

    op.create_table('impact_evidence',
    sa.Column('impact_id', sa.Integer(), nullable=False),
    sa.Column('evidence_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['evidence_id'], ['evidence_sources.id'], name=op.f('fk_impact_evidence_evidence_id_evidence_sources'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['impact_id'], ['group_impacts.id'], name=op.f('fk_impact_evidence_impact_id_group_impacts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('impact_id', 'evidence_id', name=op.f('pk_impact_evidence'))
    )
    with op.batch_alter_table('impact_evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_impact_evidence_evidence_id'), ['evidence_id'], unique=False)



def downgrade():
    with op.batch_alter_table('impact_evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_impact_evidence_evidence_id'))

    op.drop_table('impact_evidence')
    with op.batch_alter_table('version_contributors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_version_contributors_user_id'))

    op.drop_table('version_contributors')
    with op.batch_alter_table('section_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_section_answers_version_id'))

    op.drop_table('section_answers')
    with op.batch_alter_table('group_impacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_group_impacts_version_id'))

    op.drop_table('group_impacts')
    with op.batch_alter_table('evidence_sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_sources_version_id'))

    op.drop_table('evidence_sources')
    with op.batch_alter_table('engagements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_engagements_version_id'))

    op.drop_table('engagements')
    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actions_version_id'))

    op.drop_table('actions')
    with op.batch_alter_table('assessment_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_versions_unit_id'))
        batch_op.drop_index(batch_op.f('ix_assessment_versions_status'))
        batch_op.drop_index(batch_op.f('ix_assessment_versions_lead_officer_id'))
        batch_op.drop_index(batch_op.f('ix_assessment_versions_assessment_id'))

    op.drop_table('assessment_versions')
    op.drop_table('evidence_files')
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessments_created_by_id'))

    op.drop_table('assessments')
    op.drop_table('settings')
    op.drop_table('framework_snapshots')
