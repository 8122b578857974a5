"""Held forms: what a form carried when its session had ended before it was saved (timed out,
or its CSRF token belonged to a session since replaced), kept for its author to send again
once signed in, and forgotten after a day.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 08:50:00

"""
from alembic import op
import sqlalchemy as sa

import eia.models.types


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('held_forms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('path', sa.String(length=2000), nullable=False),
    sa.Column('fields', sa.Text(), nullable=False),
    sa.Column('had_files', sa.Boolean(), nullable=False),
    sa.Column('created_at', eia.models.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_held_forms_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_held_forms')),
    sa.UniqueConstraint('token', name=op.f('uq_held_forms_token'))
    )
    with op.batch_alter_table('held_forms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_held_forms_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_held_forms_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('held_forms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_held_forms_user_id'))
        batch_op.drop_index(batch_op.f('ix_held_forms_created_at'))
    op.drop_table('held_forms')
