"""Files sent with an email (a session's calendar invitation), and bulk imports of a
programme's delegates with their progress.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 00:45:17.173737

"""
from alembic import op
import sqlalchemy as sa

import eia.models.types


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('outbound_email_attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=200), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['email_id'], ['outbound_emails.id'], name=op.f('fk_outbound_email_attachments_email_id_outbound_emails'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbound_email_attachments'))
    )
    op.create_index(op.f('ix_outbound_email_attachments_email_id'), 'outbound_email_attachments', ['email_id'], unique=False)

    op.create_table('delegate_imports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('rows', sa.Text(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('done', sa.Integer(), nullable=False),
    sa.Column('created', sa.Integer(), nullable=False),
    sa.Column('booked', sa.Integer(), nullable=False),
    sa.Column('waitlisted', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', eia.models.types.UTCDateTime(), nullable=False),
    sa.Column('started_at', eia.models.types.UTCDateTime(), nullable=True),
    sa.Column('finished_at', eia.models.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_delegate_imports_created_by_id_users')),
    sa.ForeignKeyConstraint(['programme_id'], ['training_programmes.id'], name=op.f('fk_delegate_imports_programme_id_training_programmes')),
    sa.ForeignKeyConstraint(['session_id'], ['training_sessions.id'], name=op.f('fk_delegate_imports_session_id_training_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delegate_imports'))
    )
    op.create_index(op.f('ix_delegate_imports_programme_id'), 'delegate_imports', ['programme_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_delegate_imports_programme_id'), table_name='delegate_imports')
    op.drop_table('delegate_imports')
    op.drop_index(op.f('ix_outbound_email_attachments_email_id'), table_name='outbound_email_attachments')
    op.drop_table('outbound_email_attachments')
