"""Who may do what: roles, and the access matrix naming the roles allowed on every endpoint.

Every request passes `check_endpoint_access` before its view runs. An endpoint missing from
`ACCESS` is refused, so a new route is closed until someone decides who may use it; the
access-matrix test requests every URL rule as every role and checks the answer against this
table. Object-level checks (may this user see this assessment?) live here too, as functions,
and return False for things a user may not see so that views can answer 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from eia.domain import CLOSED_STATES, EDITABLE_STATES, Role, VersionStatus


class Audience(StrEnum):
    """Access that is not a set of roles."""

    PUBLIC = "public"  # anyone, signed in or not
    SIGNED_IN = "signed in"  # any signed-in user, whatever their roles
    # Not a person: a monitoring system, known by the request itself (the metrics token, or an
    # allowed address: `eia.metrics.may_scrape`). Anyone else, signed in or not, is answered as
    # if the page did not exist.
    MONITORING = "monitoring"


@dataclass(frozen=True)
class Concealed:
    """Open to `roles`; everyone else is told the page does not exist (404, not 403).

    Used where even knowing that something exists is too much, such as live assessments for
    trainees.
    """

    roles: frozenset[Role]


PUBLIC = Audience.PUBLIC
SIGNED_IN = Audience.SIGNED_IN
MONITORING = Audience.MONITORING
ADMIN_ONLY = frozenset({Role.ADMIN})

# Who may write a practice attempt (authors practise too), and who reviews one.
PRACTISING_ROLES = frozenset({Role.AUTHOR, Role.TRAINEE})
TRAINING_REVIEWERS = frozenset({Role.FACILITATOR})

# The assessment pages serve live assessments and practice attempts alike (one form, two
# purposes): the roles below are everyone who may use a page for either, and the object
# checks further down decide which assessments each person reaches. A trainee reaches only
# their own attempts, a facilitator only attempts: everything else is "not found".
AUTHORS = Concealed(PRACTISING_ROLES)
ASSESSMENT_READERS = Concealed(frozenset({Role.AUTHOR, Role.REVIEWER, Role.APPROVER, Role.ADMIN,
                                          *TRAINING_REVIEWERS, *PRACTISING_ROLES}))
LIVE_READERS = Concealed(frozenset({Role.AUTHOR, Role.REVIEWER, Role.APPROVER, Role.ADMIN}))
LIVE_AUTHORS = Concealed(frozenset({Role.AUTHOR}))
REVIEWERS = Concealed(frozenset({Role.REVIEWER, *TRAINING_REVIEWERS}))
# Pages about one attempt: the person practising and the facilitators (object checks narrow).
ATTEMPT_READERS = Concealed(PRACTISING_ROLES | TRAINING_REVIEWERS)

INSIGHT_READERS = frozenset({Role.REVIEWER, Role.APPROVER, Role.ADMIN})

# The training programme: facilitators run it (sessions, attendance, the facilitators' shared
# pages); a programme's lead, or an administrator, records pathway stages and reads its page.
# Every signed-in person may see the sessions offered to them and book.
PROGRAMME_RUNNERS = frozenset({Role.FACILITATOR, Role.ADMIN})
# Everyone with a role: every member of staff may be offered a session and book it.
SESSION_BOOKERS = frozenset(Role)

Access = Audience | frozenset[Role] | Concealed

# endpoint -> who may use it. Keep grouped by blueprint and sorted within a group.
ACCESS: dict[str, Access] = {
    "static": PUBLIC,
    # public pages
    "public.accessibility_statement": PUBLIC,
    "public.healthz": PUBLIC,
    "public.privacy_notice": PUBLIC,
    # a person's own account
    "account.list_api_tokens": SIGNED_IN,
    "account.revoke_api_token": SIGNED_IN,
    "account.view_held_form": SIGNED_IN,
    # authentication
    "auth.change_password": SIGNED_IN,
    "auth.forgot_password": PUBLIC,
    "auth.set_password": PUBLIC,
    "auth.sign_in": PUBLIC,
    "auth.sign_out": SIGNED_IN,
    # home
    "main.home": SIGNED_IN,
    # monitoring systems
    "monitoring.metrics": MONITORING,
    # administration
    "admin.create_unit": ADMIN_ONLY,
    "admin.create_user": ADMIN_ONLY,
    "admin.delete_unit": ADMIN_ONLY,
    "admin.disable_user": ADMIN_ONLY,
    "admin.edit_unit": ADMIN_ONLY,
    "admin.edit_user": ADMIN_ONLY,
    "admin.enable_user": ADMIN_ONLY,
    "admin.list_audit_events": ADMIN_ONLY,
    "admin.list_units": ADMIN_ONLY,
    "admin.list_users": ADMIN_ONLY,
    "admin.resend_invitation": ADMIN_ONLY,
    "admin.view_user": ADMIN_ONLY,
    "admin.apply_preset": ADMIN_ONLY,
    "admin.edit_settings": ADMIN_ONLY,
    # the archive of past assessments
    "archive.correct_mapping": ADMIN_ONLY,
    "archive.import_records": ADMIN_ONLY,
    "archive.list_people": ADMIN_ONLY,
    "archive.match_person": ADMIN_ONLY,
    "archive.run_import": ADMIN_ONLY,
    "archive.view_import": ADMIN_ONLY,
    # assessments: readers see (object checks narrow it further), authors change
    "assessments.start_assessment": LIVE_AUTHORS,
    "assessments.view_task_list": ASSESSMENT_READERS,
    "assessments.edit_details": AUTHORS,
    "assessments.edit_page": AUTHORS,
    "assessments.complete_section": AUTHORS,
    "assessments.check_answers": ASSESSMENT_READERS,
    "assessments.download_pdf": ASSESSMENT_READERS,
    "assessments.list_evidence": AUTHORS,
    "assessments.add_evidence": AUTHORS,
    "assessments.edit_evidence": AUTHORS,
    "assessments.remove_evidence": AUTHORS,
    "assessments.download_evidence_file": ASSESSMENT_READERS,
    "assessments.list_engagement": AUTHORS,
    "assessments.add_engagement": AUTHORS,
    "assessments.edit_engagement": AUTHORS,
    "assessments.remove_engagement": AUTHORS,
    "assessments.list_impacts": AUTHORS,
    "assessments.edit_impact": AUTHORS,
    "assessments.list_actions": AUTHORS,
    "assessments.add_action": AUTHORS,
    "assessments.edit_action": AUTHORS,
    "assessments.remove_action": AUTHORS,
    # assessments: submission and review comments
    "assessments.reply_to_point": Concealed(frozenset({Role.AUTHOR, Role.REVIEWER,
                                                       *PRACTISING_ROLES,
                                                       *TRAINING_REVIEWERS})),
    "assessments.resolve_point": AUTHORS,
    "assessments.review_comments": ASSESSMENT_READERS,
    "assessments.submit": AUTHORS,
    # assessments: versions and history
    # A practice attempt has one version, so only live assessments are compared, revised
    # (a new version) or withdrawn.
    "assessments.compare_versions": LIVE_READERS,
    "assessments.history": ASSESSMENT_READERS,
    "assessments.list_versions": ASSESSMENT_READERS,
    "assessments.record_decision": Concealed(frozenset({Role.AUTHOR, Role.APPROVER})),
    "assessments.revise": LIVE_AUTHORS,
    "assessments.view_version": ASSESSMENT_READERS,
    "assessments.withdraw": LIVE_AUTHORS,
    # review: equality reviewers review live assessments, facilitators practice attempts
    "review.accept_attempt": Concealed(TRAINING_REVIEWERS),
    "review.checklist": REVIEWERS,
    "review.overview": REVIEWERS,
    "review.point_to_action": REVIEWERS,
    # assessments: tags (authors of it and equality reviewers)
    "assessments.edit_tags": Concealed(frozenset({Role.AUTHOR, Role.REVIEWER})),
    "assessments.remove_tag": Concealed(frozenset({Role.AUTHOR, Role.REVIEWER})),
    "review.queue": frozenset({Role.REVIEWER}),
    "review.recommend": Concealed(frozenset({Role.REVIEWER})),
    "review.request_changes": REVIEWERS,
    "review.review_section": REVIEWERS,
    "review.start_review": REVIEWERS,
    # sign-off and publication
    "signoff.publish": Concealed(frozenset({Role.APPROVER, Role.ADMIN})),
    "signoff.queue": frozenset({Role.APPROVER}),
    "signoff.return_assessment": Concealed(frozenset({Role.APPROVER})),
    "signoff.sign_off": Concealed(frozenset({Role.APPROVER})),
    "signoff.summary": Concealed(frozenset({Role.APPROVER})),
    "signoff.unpublish": Concealed(frozenset({Role.APPROVER, Role.ADMIN})),
    # public register
    "register.index": PUBLIC,
    "register.view_assessment": PUBLIC,
    "register.view_version": PUBLIC,
    "register.download_pdf": PUBLIC,
    "register.feed": PUBLIC,
    "register.verify": PUBLIC,
    # the staff register and its exports (each row narrowed to what the person may see)
    "staff_register.download_actions_csv": LIVE_READERS,
    "staff_register.download_register_csv": LIVE_READERS,
    "staff_register.list_assessments": LIVE_READERS,
    # the JSON API: the same audiences as the pages (object rules narrow each request)
    "api.add_action": LIVE_AUTHORS,
    "api.add_engagement": LIVE_AUTHORS,
    "api.add_evidence": LIVE_AUTHORS,
    "api.change_action": LIVE_AUTHORS,
    "api.change_engagement": LIVE_AUTHORS,
    "api.change_evidence": LIVE_AUTHORS,
    "api.create_assessment": LIVE_AUTHORS,
    "api.download_pdf": LIVE_READERS,
    "api.download_register_csv": LIVE_READERS,
    "api.export_document": LIVE_READERS,
    "api.get_assessment": LIVE_READERS,
    "api.get_framework": SIGNED_IN,
    "api.get_openapi": SIGNED_IN,
    "api.import_document": LIVE_AUTHORS,
    "api.list_assessments": LIVE_READERS,
    "api.list_tags": LIVE_READERS,
    "api.make_move": LIVE_READERS,
    "api.record_decision": Concealed(frozenset({Role.AUTHOR, Role.APPROVER})),
    "api.remove_action": LIVE_AUTHORS,
    "api.remove_engagement": LIVE_AUTHORS,
    "api.remove_evidence": LIVE_AUTHORS,
    "api.replace_tags": Concealed(frozenset({Role.AUTHOR, Role.REVIEWER})),
    "api.save_answers": LIVE_AUTHORS,
    "api.save_impact": LIVE_AUTHORS,
    "api.update_assessment": LIVE_AUTHORS,
    "api.view_reference": SIGNED_IN,
    # insights across assessments, for the equality team and decision-makers
    "insights.view_cumulative_impact": INSIGHT_READERS,
    "insights.view_pipeline": INSIGHT_READERS,
    "insights.view_quality": INSIGHT_READERS,
    # notifications
    "main.mark_notifications_read": SIGNED_IN,
    "main.notifications": SIGNED_IN,
    # training: practising on scenarios
    "training.compare_with_model": ATTEMPT_READERS,
    "training.list_scenarios": PRACTISING_ROLES,
    "training.my_record": PRACTISING_ROLES,
    "training.start_attempt": Concealed(PRACTISING_ROLES),
    "training.view_feedback": ATTEMPT_READERS,
    "training.view_scenario": Concealed(PRACTISING_ROLES),
    # training: the facilitators' library, reviews, cohorts and records
    "training.duplicate_scenario": Concealed(TRAINING_REVIEWERS),
    "training.edit_scenario": Concealed(TRAINING_REVIEWERS),
    "training.export_scenario": Concealed(TRAINING_REVIEWERS),
    "training.import_scenario": TRAINING_REVIEWERS,
    "training.list_attempts_to_review": TRAINING_REVIEWERS,
    "training.list_library": TRAINING_REVIEWERS,
    "training.list_trainees": TRAINING_REVIEWERS,
    "training.preview_scenario": Concealed(TRAINING_REVIEWERS),
    "training.restore_scenario": Concealed(TRAINING_REVIEWERS),
    "training.retire_scenario": Concealed(TRAINING_REVIEWERS),
    "training.view_cohort": Concealed(TRAINING_REVIEWERS),
    "training.view_record": Concealed(TRAINING_REVIEWERS),
    # training: programmes and train the trainer (the lead's own actions are checked against
    # the programme: `leads_programme`)
    "training.add_guide_section": PROGRAMME_RUNNERS,
    "training.add_resource": PROGRAMME_RUNNERS,
    "training.ask_question": PROGRAMME_RUNNERS,
    "training.choose_board_digest": PROGRAMME_RUNNERS,
    "training.compare_guide_revisions": PROGRAMME_RUNNERS,
    "training.create_programme": PROGRAMME_RUNNERS,
    "training.download_handover": PROGRAMME_RUNNERS,
    "training.download_resource": PROGRAMME_RUNNERS,
    "training.edit_guide_section": PROGRAMME_RUNNERS,
    "training.edit_programme": PROGRAMME_RUNNERS,
    "training.edit_resource": PROGRAMME_RUNNERS,
    "training.list_guide_revisions": PROGRAMME_RUNNERS,
    "training.list_programmes": PROGRAMME_RUNNERS,
    "training.list_resources": PROGRAMME_RUNNERS,
    "training.mark_question_answered": PROGRAMME_RUNNERS,
    "training.move_guide_section": PROGRAMME_RUNNERS,
    "training.record_stage": PROGRAMME_RUNNERS,
    "training.reply_to_question": PROGRAMME_RUNNERS,
    "training.upload_resource_version": PROGRAMME_RUNNERS,
    "training.view_board": PROGRAMME_RUNNERS,
    "training.view_guide": PROGRAMME_RUNNERS,
    "training.view_pathway": PROGRAMME_RUNNERS,
    "training.view_programme": PROGRAMME_RUNNERS,
    "training.view_question": PROGRAMME_RUNNERS,
    "training.view_resource": PROGRAMME_RUNNERS,
    # training: feedback, polls, reports and the lead's page
    # Everyone books, so anyone signed in may reach a session's survey and polls; the pages
    # themselves let in only the people who attended (the survey) or hold a place or
    # facilitate (polls), and answer "not found" to everyone else.
    "training.answer_poll": SIGNED_IN,
    "training.answer_survey": SIGNED_IN,
    "training.close_poll": PROGRAMME_RUNNERS,
    "training.download_comments_csv": PROGRAMME_RUNNERS,
    "training.download_report_csv": PROGRAMME_RUNNERS,
    "training.list_not_booked": PROGRAMME_RUNNERS,
    "training.list_polls": PROGRAMME_RUNNERS,
    "training.open_poll": PROGRAMME_RUNNERS,
    "training.poll_results": SIGNED_IN,
    "training.remind_to_book": PROGRAMME_RUNNERS,
    "training.view_dashboard": PROGRAMME_RUNNERS,
    "training.view_poll": SIGNED_IN,
    "training.view_programme_report": PROGRAMME_RUNNERS,
    "training.view_session_report": PROGRAMME_RUNNERS,
    # training: sessions and booking. Every member of staff may be offered a session, so the
    # booking pages are for every role (each session's audience narrows who books);
    # facilitators and administrators schedule, move, cancel, mark attendance and import.
    "training.announce_session": PROGRAMME_RUNNERS,
    "training.cancel_booking": SESSION_BOOKERS,
    "training.cancel_session": PROGRAMME_RUNNERS,
    "training.download_calendar": SESSION_BOOKERS,
    "training.import_delegates": PROGRAMME_RUNNERS,
    "training.list_programme_sessions": PROGRAMME_RUNNERS,
    "training.list_sessions": SESSION_BOOKERS,
    "training.mark_attendance": PROGRAMME_RUNNERS,
    "training.move_session": PROGRAMME_RUNNERS,
    "training.practise_in_session": PRACTISING_ROLES,
    "training.run_delegate_import": PROGRAMME_RUNNERS,
    "training.schedule_session": PROGRAMME_RUNNERS,
    "training.view_delegate_import": PROGRAMME_RUNNERS,
    "training.view_session": SESSION_BOOKERS,
}


class Decision(StrEnum):
    ALLOW = "allow"
    SIGN_IN = "sign in"  # anonymous: send to the sign-in page (or 401 for the API)
    REFUSE = "refuse"  # signed in, but not allowed: 403
    CONCEAL = "conceal"  # signed in, not allowed, and not to know it exists: 404
    # Not for people: 404 as for a URL that does not exist, and nothing written (a refusal here
    # is anonymous traffic, which must not be able to grow the audit log).
    HIDE = "hide"


def access_for(endpoint: str | None) -> Access | None:
    return ACCESS.get(endpoint) if endpoint else None


def decide(endpoint: str, roles: frozenset[Role] | None, *, monitor: bool = False) -> Decision:
    """Decide a request to `endpoint` by a user holding `roles` (None when anonymous), which
    is from a trusted monitoring system when `monitor`.

    Endpoints that are not in the matrix are refused to everyone.
    """
    access = access_for(endpoint)
    if access is MONITORING:
        return Decision.ALLOW if monitor else Decision.HIDE
    if access is PUBLIC:
        return Decision.ALLOW
    if roles is None:
        return Decision.SIGN_IN
    if isinstance(access, Concealed):
        return Decision.ALLOW if roles & access.roles else Decision.CONCEAL
    if access is SIGNED_IN or (isinstance(access, frozenset) and roles & access):
        return Decision.ALLOW
    return Decision.REFUSE


def may_use(user, endpoint: str) -> bool:
    """True when `user` (or an anonymous user) may request `endpoint`; drives navigation."""
    roles = user.roles if getattr(user, "is_authenticated", False) else None
    return decide(endpoint, roles) is Decision.ALLOW


# Object-level checks ------------------------------------------------------------------------

# Roles that may read any live assessment. Trainees never may (they get 404, not a refusal).
READERS_OF_EVERY_ASSESSMENT = frozenset({Role.REVIEWER, Role.APPROVER, Role.ADMIN})


def is_editor(user, version) -> bool:
    """The lead officer or a contributor of this version (the contributors are read only when
    `user` does not lead it: every page of an assessment asks)."""
    return user.is_authenticated and (
        version.lead_officer.id == user.id
        or any(contributor.id == user.id for contributor in version.contributors))


def may_view_assessment(user, version) -> bool:
    """Who may read an assessment.

    A live one: its editors, reviewers, approvers and admins. A practice attempt: the person
    practising and the facilitators. Nobody else learns that it exists.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    readers = TRAINING_REVIEWERS if version.is_training else READERS_OF_EVERY_ASSESSMENT
    return is_editor(user, version) or bool(user.roles & readers)


def may_edit_assessment(user, version) -> bool:
    """Its editors, while it is a draft or returned: authors on a live assessment, authors or
    trainees on a practice attempt."""
    writers = PRACTISING_ROLES if version.is_training else frozenset({Role.AUTHOR})
    return (
        bool(user.roles & writers)
        and is_editor(user, version)
        and version.status in EDITABLE_STATES
    )


def may_review(user, version) -> bool:
    """Equality reviewers review live assessments; facilitators review practice attempts."""
    if not getattr(user, "is_authenticated", False):
        return False
    reviewers = TRAINING_REVIEWERS if version.is_training else frozenset({Role.REVIEWER})
    return bool(user.roles & reviewers)


def may_read_attempt(user, version) -> bool:
    """The feedback and model answer of a practice attempt: its editors and the facilitators."""
    return version.is_training and may_view_assessment(user, version)


def may_reply(user, version, reviews) -> bool:
    """The authors and the version's reviewers answer review comments, until the version has
    left the review route. `reviews` are the version's review rounds."""
    return version.status not in CLOSED_STATES and (
        is_editor(user, version) or any(review.reviewer_id == user.id for review in reviews))


def may_resolve(user, version) -> bool:
    """The authors mark comments dealt with, while changes are requested."""
    return is_editor(user, version) and version.status == VersionStatus.CHANGES_REQUESTED


def may_tag_assessment(user, version) -> bool:
    """Its authors and the equality reviewers tag an assessment, whatever its status: tags
    group proposals, they do not change what was assessed."""
    return getattr(user, "is_authenticated", False) and (
        (Role.AUTHOR in user.roles and is_editor(user, version)) or Role.REVIEWER in user.roles)


def runs_training(user) -> bool:
    """Facilitators and administrators run the training programme."""
    return getattr(user, "is_authenticated", False) and bool(user.roles & PROGRAMME_RUNNERS)


def leads_programme(user, programme) -> bool:
    """The programme's lead, or an administrator."""
    return getattr(user, "is_authenticated", False) and (
        programme.lead_id == user.id or Role.ADMIN in user.roles)
