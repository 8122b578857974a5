"""Moving assessments in and out as the canonical JSON document (`eia.document.schema`).

`export_document` writes one version as the document. `import_document` checks a document in
full (shape, framework ids and options, files, and the people and unit it names) and only then
creates a new assessment from it: a new reference, version 1 in draft, all content, one audit
event, one commit. `document_fingerprint` is the SHA-256 of a version's canonical JSON, for
sign-off to record exactly what was signed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from flask import current_app
from marshmallow import ValidationError
from sqlalchemy.orm import selectinload

from eia import audit, queries
from eia.collections import COLLECTIONS, Collection, evidence_keys
from eia.document.schema import (
    SCHEMA_VERSION,
    WORKFLOW_KEYS,
    AssessmentDocumentSchema,
    flatten_errors,
    in_document_order,
)
from eia.domain import AssessmentType, DomainError, RecordedRole, Role
from eia.extensions import db
from eia.models.assessments import (
    Assessment,
    AssessmentVersion,
    EvidenceFile,
    GroupImpact,
    SectionAnswers,
)
from eia.models.users import OrgUnit, User
from eia.services import accounts, assessments, frameworks
from eia.services.transaction import unit_of_work


class ImportRefused(DomainError):
    """The document cannot be imported; nothing was written.

    `errors` maps each field path ("evidence[0].url", "details.lead_officer.email") to its
    messages, in document order.
    """

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        count = sum(len(messages) for messages in errors.values())
        super().__init__(f"The document was not imported: it has {count} "
                         f"problem{'' if count == 1 else 's'}")


class ImporterNotAllowed(DomainError):
    """The person importing may not start assessments."""


# --- Export -------------------------------------------------------------------------------------


def export_document(version: AssessmentVersion) -> dict:
    """The canonical document of `version`: plain JSON data, the same for the same content."""
    keys = evidence_keys(version)
    snapshot = version.framework_snapshot
    data = {
        "schema_version": SCHEMA_VERSION,
        "reference": version.reference,
        "version": version.number,
        "status": version.status,
        "framework": {"id": snapshot.framework_id, "version": snapshot.version,
                      "sha256": snapshot.sha256},
        "extra_groups": version.enabled_extra_groups,
        "details": {
            "title": version.title,
            "type": version.assessment_type,
            "unit": version.unit.full_name if version.unit else None,
            **_people(version),
            "decision_maker": version.decision_maker,
            "decision_forum": version.decision_forum,
            "decision_date": version.decision_date,
            "work_started_on": version.work_started_on,
            "strategic_decision": version.strategic_decision,
        },
        "sections": {row.section_id: {"completed": row.completed, "answers": row.answers}
                     for row in version.sections},
        **{collection.key: [_item(collection, item, keys)
                            for item in sorted(collection.items(version), key=lambda i: i.id)]
           for collection in COLLECTIONS},
        "impacts": {
            impact.group_id: {
                "impact": impact.impact,
                "effect": impact.effect,
                "evidence": [keys[source.id]
                             for source in sorted(impact.evidence, key=lambda s: s.id)],
                "no_evidence_reason": impact.no_evidence_reason,
                "mitigation": impact.mitigation,
                "harm_remains": impact.harm_remains,
                "residual_impact": impact.residual_impact,
            }
            for impact in version.impacts
        },
        "workflow": [
            {"action": event.action, "from_status": event.from_status,
             "to_status": event.to_status, "actor": event.actor.email if event.actor else None,
             "reason": event.reason, "at": event.created_at}
            for event in queries.workflow_events_of(version)
        ],
        "sign_off": _sign_off(version),
        "decision": _decision(version),
        **({"historical": _historical(version.historical)} if version.imported else {}),
    }
    return AssessmentDocumentSchema().dump(data)


def _people(version: AssessmentVersion) -> dict:
    """The people of the control details: accounts, or an imported record's people as its
    source named them."""
    record = version.historical
    if record is None:
        return {"lead_officer": _person(version.lead_officer),
                "contributors": [_person(user) for user in version.contributors]}
    named = {role: [{"email": person.user.email if person.user else None,
                     "name": person.name, "job_title": person.job_title}
                    for person in record.people_as(role)] for role in RecordedRole}
    return {"lead_officer": (named[RecordedRole.LEAD_OFFICER] or [None])[0],
            "head_of_service": (named[RecordedRole.HEAD_OF_SERVICE] or [None])[0],
            "contributors": named[RecordedRole.CONTRIBUTOR]}


def _historical(record) -> dict:
    parent = record.version.assessment.parent
    return {
        "source_reference": record.source_reference,
        "completed_on": record.completed_on,
        "revisions": [{"revised_on": r.revised_on, "what_changed": r.what_changed}
                      for r in record.revisions],
        "review": {"date": record.version.review_date, "wording": record.review_wording},
        "sign_offs": [{"signed_by": s.signed_by, "role_or_body": s.role_or_body,
                       "signed_on": s.signed_on, "decision": s.decision}
                      for s in record.sign_offs],
        "parent": parent.latest.historical.source_reference
        if parent is not None and parent.latest.historical else None,
        "public_summary": publication.summary
        if (publication := queries.live_publication(record.version)) else "",
        "imported_text": [{"heading": kept.heading, "text": kept.text}
                          for kept in record.imported_text],
    }


def _sign_off(version: AssessmentVersion) -> dict | None:
    record = queries.sign_off_of(version)
    if record is None:
        return None
    return {"name": record.approver_name, "job_title": record.approver_job_title,
            "declaration": record.declaration, "signed_at": record.signed_at,
            "fingerprint": record.fingerprint}


def _decision(version: AssessmentVersion) -> dict | None:
    record = queries.decision_of(version)
    if record is None:
        return None
    return {"decided_on": record.decided_on, "forum": record.forum,
            "minute_reference": record.minute_reference,
            "assessment_considered": record.assessment_considered,
            "what_was_decided": record.what_was_decided,
            "accepted_mitigations": record.accepted_mitigations}


def _person(user: User) -> dict:
    return {"email": user.email, "name": user.name}


def _item(collection: Collection, item, keys: dict[int, str]) -> dict:
    """One item of a collection as the document holds it; evidence adds its key and file."""
    data = collection.values_of(item)
    if collection.has_file:
        stored = item.file
        data["key"] = keys[item.id]
        data["file"] = None if stored is None else {
            "filename": stored.filename, "content_type": stored.content_type,
            "size": stored.size, "sha256": stored.sha256, "content": stored.content,
        }
    return data


def canonical_json(document: dict) -> str:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def document_fingerprint(version: AssessmentVersion) -> str:
    """SHA-256 (hex) of the version's canonical JSON, without its workflow record.

    The status, the workflow events and the sign-off are left out because they are workflow
    state, not content: they change at the moment of sign-off (and again when a later version
    supersedes this one), and a fingerprint taken at sign-off must still match afterwards.
    Everything else in the document is included.
    """
    document = export_document(version)
    for key in WORKFLOW_KEYS:
        del document[key]
    return hashlib.sha256(canonical_json(document).encode("utf-8")).hexdigest()


# --- Import -------------------------------------------------------------------------------------


@dataclass
class CheckedDocument:
    """A document that passed every check, with the people and unit it names looked up."""

    data: dict
    lead_officer: User
    contributors: list[User] = field(default_factory=list)
    unit: OrgUnit | None = None


def check_document(document: object) -> CheckedDocument:
    """Check a document completely without writing anything.

    Raises ImportRefused listing every problem found: the schema's (shape, types, enums, dates,
    URLs, files, and ids and options against the framework in force) and this service's (the
    lead officer and contributors must be active authors, the unit must exist).
    """
    data, errors = load_document(document)
    if data.get("historical") is not None:
        raise ImportRefused({"historical": [
            "Is a record of the past: an administrator imports it into the archive."]})
    details = data.get("details") or {}
    # Look people up only where the schema found nothing wrong, so paths stay exact.
    lead = None
    if "lead_officer" in details and not _failed(errors, "details.lead_officer"):
        lead = _author(details["lead_officer"]["email"], "details.lead_officer.email", errors)
    contributors = []
    if not _failed(errors, "details.contributors"):
        for index, person in enumerate(details.get("contributors") or []):
            user = _author(person["email"], f"details.contributors[{index}].email", errors)
            contributors.append(user)
    unit = None
    if details.get("unit") is not None and not _failed(errors, "details.unit"):
        unit = _unit_named(details["unit"], errors)
    if errors:
        raise ImportRefused(in_document_order(errors))
    return CheckedDocument(data=data, lead_officer=lead, contributors=contributors, unit=unit)


def load_document(document: object) -> tuple[dict, dict[str, list[str]]]:
    """The document's data as far as it loaded, and the schema's problems by field path."""
    if not isinstance(document, dict):
        return {}, {"document": ["Must be a JSON object."]}
    schema = AssessmentDocumentSchema(framework=frameworks.current_framework(),
                                      max_file_bytes=current_app.config["MAX_UPLOAD_BYTES"])
    try:
        return schema.load(document), {}
    except ValidationError as error:
        return error.valid_data or {}, flatten_errors(error.messages)


def import_document(importer: User, document: dict) -> Assessment:
    """Create a new assessment (new reference, version 1, draft) from a document.

    The document is checked in full first (`check_document`); on any problem ImportRefused is
    raised and nothing is written. ImporterNotAllowed if `importer` is not an active author.
    Strings are stored exactly as the document gives them. The new assessment, its content and
    the `assessment.imported` audit event are saved in one transaction.
    """
    checked = check_document(document)
    if not importer.active or not importer.has_role(Role.AUTHOR):
        raise ImporterNotAllowed(f"{importer.email} cannot import assessments: only active "
                                 "authors can start them")
    data, details = checked.data, checked.data["details"]
    with unit_of_work():
        assessment = assessments.start_assessment(importer, assessments.ControlDetails(
            title=details["title"],
            assessment_type=AssessmentType(details["type"]),
            unit_id=checked.unit.id if checked.unit else None,
            lead_officer_id=checked.lead_officer.id,
            contributor_ids=[user.id for user in checked.contributors],
            decision_maker=details["decision_maker"],
            decision_forum=details["decision_forum"],
            decision_date=details["decision_date"],
            work_started_on=details["work_started_on"],
            strategic_decision=details["strategic_decision"],
        ))
        version = assessment.latest
        # start_assessment tidies what a person typed; an import keeps the document's text.
        version.title = details["title"]
        version.decision_maker = details["decision_maker"]
        version.decision_forum = details["decision_forum"]
        chosen = set(data["extra_groups"])
        version.extra_groups = json.dumps(
            [g.id for g in frameworks.current_framework().extra_groups if g.id in chosen])
        add_content(version, data, importer)
        audit.record("assessment.imported", actor=importer, object_type="assessment",
                     object_id=assessment.reference,
                     details={"source_reference": data["reference"],
                              "source_version": data["version"]})
    return assessment


def _failed(errors: dict[str, list[str]], path: str) -> bool:
    return any(key == path or key.startswith((f"{path}.", f"{path}[")) for key in errors)


def _author(email: str, path: str, errors: dict[str, list[str]]) -> User | None:
    user = accounts.get_user_by_email(email)
    if user is None:
        problem = f"No user has the email address {email}."
    elif not user.active:
        problem = f"The account of {user.email} is disabled."
    elif not user.has_role(Role.AUTHOR):
        problem = f"{user.email} is not an author."
    else:
        return user
    errors.setdefault(path, []).append(problem)
    return None


def _unit_named(full_name: str, errors: dict[str, list[str]]) -> OrgUnit | None:
    matches = [unit for unit in queries.list_units() if unit.full_name == full_name]
    if len(matches) == 1:
        return matches[0]
    errors.setdefault("details.unit", []).append(
        "No organisational unit has this name." if not matches
        else "More than one organisational unit has this name.")
    return None



def add_content(version: AssessmentVersion, data: dict, importer: User) -> None:
    for section_id, section in data["sections"].items():
        row = SectionAnswers(version=version, section_id=section_id,
                             completed=section["completed"], updated_by=importer)
        row.answers = section["answers"]
        db.session.add(row)
    by_key = {}
    for collection in COLLECTIONS:
        for item in data[collection.key]:
            row = collection.model(version=version,
                                   **{f.name: item[f.name] for f in collection.fields})
            if collection.has_file:
                if item["file"] is not None:
                    row.file = _imported_file(item["file"], importer)
                by_key[item["key"]] = row
            db.session.add(row)
    for group_id, item in data["impacts"].items():
        db.session.add(GroupImpact(
            version=version, group_id=group_id, impact=item["impact"], effect=item["effect"],
            no_evidence_reason=item["no_evidence_reason"], mitigation=item["mitigation"],
            harm_remains=item["harm_remains"], residual_impact=item["residual_impact"],
            evidence=[by_key[key] for key in item["evidence"]]))
    # Flush in document order so database ids (and so evidence keys on export) follow it.
    db.session.flush()


def _imported_file(file: dict, importer: User) -> EvidenceFile:
    return EvidenceFile(filename=file["filename"], content_type=file["content_type"],
                        size=file["size"], sha256=file["sha256"], content=file["content"],
                        uploaded_by_id=importer.id)


# --- Looking versions up (for the CLI and, later, the API) ---------------------------------------


class NotFound(DomainError):
    pass


def get_version(reference: str, number: int | None = None) -> AssessmentVersion:
    """The version `number` of the live assessment `reference` (the latest if None); NotFound.

    Practice attempts are never exported: they are not the organisation's data.
    """
    assessment = queries.get_live_assessment(reference)
    if assessment is None:
        raise NotFound(f"No assessment has the reference {reference}")
    if number is None:
        return assessment.latest
    for version in assessment.versions:
        if version.number == number:
            return version
    numbers = [v.number for v in assessment.versions]
    raise NotFound(f"{assessment.reference} has no version {number} (it has "
                   f"{'version 1' if numbers == [1] else f'versions 1 to {numbers[-1]}'})")


def list_versions() -> list[AssessmentVersion]:
    """Every version of every live assessment, by reference then version number."""
    return list(db.session.scalars(
        queries.live_versions()
        .options(selectinload(AssessmentVersion.assessment))
        .order_by(Assessment.reference, AssessmentVersion.number)))
