"""Defensibility: the decision record, strategic decisions, engagement dates and the groups it
reached, and whether harm remains after mitigation.

Engagement's "when" was free text; it becomes real dates. Text that reads as dates ("March
2026", "12 January to 9 March 2026", "2026-03-12") is converted; anything else is kept, word
for word, at the end of "how" so that nothing is lost. Signed-off versions' content is locked by
triggers, so they are lifted for the conversion and put back (with the new version column in
the lock) afterwards.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 18:58:50.985480

"""
import re
from datetime import date

from alembic import op
import sqlalchemy as sa

import eia.models.types


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

LOCKED = "('signed_off', 'superseded')"
MESSAGE = "a signed-off version cannot be changed"
VERSION_CONTENT_BEFORE = (
    "assessment_id", "number", "framework_snapshot_id", "extra_groups", "title",
    "assessment_type", "unit_id", "lead_officer_id", "decision_maker", "decision_forum",
    "decision_date", "work_started_on")
VERSION_CONTENT_AFTER = (*VERSION_CONTENT_BEFORE, "strategic_decision")

MONTHS = {name: number for number, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1)}
_DAY_MONTH_YEAR = re.compile(r"(?:(\d{1,2})\s+)?(" + "|".join(MONTHS) + r")(?:\s+(\d{4}))?",
                             re.IGNORECASE)


def upgrade():
    op.create_table('decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('forum', sa.String(length=300), nullable=False),
    sa.Column('minute_reference', sa.String(length=300), nullable=False),
    sa.Column('assessment_considered', sa.Boolean(), nullable=False),
    sa.Column('what_was_decided', sa.Text(), nullable=False),
    sa.Column('accepted_mitigations', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', eia.models.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_decisions_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['version_id'], ['assessment_versions.id'], name=op.f('fk_decisions_version_id_assessment_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decisions')),
    sa.UniqueConstraint('version_id', name=op.f('uq_decisions_version_id'))
    )
    # Plain ALTER TABLE, never a batch copy: copying a table that other tables' triggers name
    # would break those triggers on SQLite.
    op.add_column('group_impacts', sa.Column('harm_remains', sa.Boolean(), nullable=True))
    _unlock(VERSION_CONTENT_BEFORE)
    op.add_column('assessment_versions', sa.Column('strategic_decision', sa.Boolean(),
                                                   nullable=False, server_default=sa.false()))
    op.add_column('engagements', sa.Column('started_on', sa.Date(), nullable=True))
    op.add_column('engagements', sa.Column('ended_on', sa.Date(), nullable=True))
    op.add_column('engagements', sa.Column('groups', sa.Text(), nullable=False,
                                           server_default="[]"))
    _convert_when_to_dates()
    op.drop_column('engagements', 'when')
    _lock(VERSION_CONTENT_AFTER)


def downgrade():
    _unlock(VERSION_CONTENT_AFTER)
    op.add_column('engagements', sa.Column('when', sa.VARCHAR(length=100), nullable=False,
                                           server_default=""))
    _convert_dates_to_when()
    for column in ('groups', 'ended_on', 'started_on'):
        op.drop_column('engagements', column)
    op.drop_column('assessment_versions', 'strategic_decision')
    _lock(VERSION_CONTENT_BEFORE)
    op.drop_column('group_impacts', 'harm_remains')
    op.drop_table('decisions')


# --- Engagement dates ----------------------------------------------------------------------


def parse_when(text: str) -> tuple[date | None, date | None]:
    """The first and last dates a "when" names, or (None, None) when it names none."""
    found = [(int(day) if day else None, MONTHS[month.lower()], int(year) if year else None)
             for day, month, year in _DAY_MONTH_YEAR.findall(text or "")]
    iso = re.findall(r"\b(\d{4})-(\d{2})-(\d{2})\b", text or "")
    found += [(int(d), int(m), int(y)) for y, m, d in iso]
    years = [year for _, _, year in found if year]
    if not found or not years:
        return None, None
    dates = []
    for day, month, year in found:
        try:
            dates.append(date(year or years[-1], month, day or 1))
        except ValueError:
            return None, None
    start, end = dates[0], dates[-1]
    return start, end if end != start else None


def _convert_when_to_dates():
    connection = op.get_bind()
    table = sa.table("engagements", sa.column("id", sa.Integer), sa.column("when", sa.String),
                     sa.column("how", sa.Text), sa.column("started_on", sa.Date),
                     sa.column("ended_on", sa.Date))
    for row in connection.execute(sa.select(table.c.id, table.c.when, table.c.how)).all():
        started, ended = parse_when(row.when)
        values = {"started_on": started, "ended_on": ended}
        if started is None and (row.when or "").strip():
            values["how"] = f"{row.how}\n\nWhen: {row.when}".strip()
        connection.execute(table.update().where(table.c.id == row.id).values(**values))


def _convert_dates_to_when():
    connection = op.get_bind()
    table = sa.table("engagements", sa.column("id", sa.Integer), sa.column("when", sa.String),
                     sa.column("started_on", sa.Date), sa.column("ended_on", sa.Date))
    for row in connection.execute(sa.select(table.c.id, table.c.started_on,
                                            table.c.ended_on)).all():
        words = [f"{d.day} {d:%B %Y}" for d in (row.started_on, row.ended_on) if d]
        connection.execute(table.update().where(table.c.id == row.id)
                           .values(when=" to ".join(words)))


# --- The lock on signed-off versions (as migration 0003 made it) ---------------------------


def _version_changed(columns, new: str, old: str, differ: str) -> str:
    return " OR ".join(f"{new}.{c} {differ} {old}.{c}" for c in columns)


def _unlock(version_columns):
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE engagements DISABLE TRIGGER engagements_locked")
        return
    op.execute("DROP TRIGGER signed_off_version_no_update")
    for event in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER engagements_locked_{event}")


def _lock(version_columns):
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE engagements ENABLE TRIGGER engagements_locked")
        op.execute(f"""
            CREATE OR REPLACE FUNCTION signed_off_version_guard() RETURNS trigger AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    IF OLD.status IN {LOCKED} THEN RAISE EXCEPTION '{MESSAGE}'; END IF;
                    RETURN OLD;
                END IF;
                IF OLD.status IN {LOCKED} AND (NEW.status NOT IN {LOCKED}
                   OR {_version_changed(version_columns, "NEW", "OLD", "IS DISTINCT FROM")})
                THEN
                    RAISE EXCEPTION '{MESSAGE}';
                END IF;
                RETURN NEW;
            END;
            $$ LANGUAGE plpgsql
        """)
        return
    refuse = f"SELECT RAISE(ABORT, '{MESSAGE}')"
    op.execute(f"""
        CREATE TRIGGER signed_off_version_no_update BEFORE UPDATE ON assessment_versions
        WHEN OLD.status IN {LOCKED} AND (NEW.status NOT IN {LOCKED}
             OR {_version_changed(version_columns, "NEW", "OLD", "IS NOT")})
        BEGIN {refuse}; END
    """)
    status_of = "(SELECT status FROM assessment_versions WHERE id = {row}.version_id)"
    for event, row in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD")):
        op.execute(f"""
            CREATE TRIGGER engagements_locked_{event.lower()} BEFORE {event} ON engagements
            WHEN {status_of.format(row=row)} IN {LOCKED} BEGIN {refuse}; END
        """)
