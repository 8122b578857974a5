"""Training programmes: the list, starting and changing one, and each programme's hub page.

The hub links to every part of the programme from one list, `HUB_LINKS`: a part added later
(its sessions, its reports) adds its entry there, and the link appears once its endpoint is
registered and the person may use it.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from eia.domain import DomainError
from eia.models.programme import TrainingProgramme
from eia.permissions import leads_programme, may_use
from eia.services.training import programmes
from eia.views.shared import me
from eia.views.training.blueprint import bp
from eia.views.training.session_helpers import programme_or_404
from forms.programme import ProgrammeForm, people_choices


@dataclass(frozen=True)
class HubLink:
    endpoint: str
    text: str
    description: str


HUB_LINKS: list[HubLink] = [
    HubLink("training.view_dashboard", "Lead’s page",
            "Delegates trained against the target, bookings, feedback and who has not booked."),
    HubLink("training.list_programme_sessions", "Sessions",
            "Schedule, announce and run the programme’s sessions."),
    HubLink("training.import_delegates", "Import delegates",
            "Invite staff in bulk from a spreadsheet, and book them onto a session."),
    HubLink("training.view_programme_report", "Feedback reports",
            "Satisfaction, length, pace and confidence, by session, facilitator and format."),
    HubLink("training.view_pathway", "Facilitator pathway",
            "Where each facilitator is: observed a rehearsal, co-delivered, leads sessions."),
    HubLink("training.view_guide", "Best-practice document",
            "What the facilitators have learned, written together, with every revision."),
    HubLink("training.view_board", "Question board",
            "Questions between sessions, and their answers."),
    HubLink("training.list_resources", "Resource library",
            "Guides, slides, the learning booklet and FAQs, each with its versions."),
    HubLink("training.download_handover", "Hand-over pack (zip)",
            "Everything the next lead needs, in one archive."),
]


def hub_links(programme: TrainingProgramme) -> list[tuple[HubLink, str]]:
    """The hub's links that exist and that the signed-in person may follow, with their URLs."""
    return [(link, url_for(link.endpoint, programme_id=programme.id)) for link in HUB_LINKS
            if link.endpoint in current_app.view_functions
            and may_use(current_user, link.endpoint)]


def led_programme_or_403(programme_id: int) -> TrainingProgramme:
    """The programme, for its lead or an administrator; anyone else is refused."""
    programme = programme_or_404(programme_id)
    if not leads_programme(current_user, programme):
        abort(403)
    return programme


def _form(programme: TrainingProgramme | None = None) -> ProgrammeForm:
    form = ProgrammeForm(obj=programme)
    form.lead_id.choices = people_choices(programmes.facilitators(), "Choose a facilitator")
    return form


def _lead(form: ProgrammeForm):
    return next((p for p in programmes.facilitators() if p.id == form.lead_id.data), None)


@bp.get("/programmes")
def list_programmes():
    return render_template("training/programme/list_programmes.html",
                           programmes=programmes.list_programmes())


@bp.route("/programmes/new", methods=["GET", "POST"])
def create_programme():
    form = _form()
    if not form.is_submitted():
        form.lead_id.data = me().id
    if form.validate_on_submit():
        try:
            programme = programmes.create_programme(
                me(), name=form.name.data, target_delegates=form.target_delegates.data,
                lead=_lead(form), description=form.description.data or "")
        except DomainError as error:
            form.name.errors.append(str(error))
        else:
            flash(f"{programme.name} has been started.", "success")
            return redirect(url_for("training.view_programme", programme_id=programme.id))
    return render_template("training/programme/programme_form.html", form=form,
                           programme=None)


@bp.get("/programmes/<int:programme_id>")
def view_programme(programme_id: int):
    programme = programme_or_404(programme_id)
    return render_template("training/programme/view_programme.html", programme=programme,
                           links=hub_links(programme),
                           may_change=leads_programme(current_user, programme))


@bp.route("/programmes/<int:programme_id>/edit", methods=["GET", "POST"])
def edit_programme(programme_id: int):
    programme = led_programme_or_403(programme_id)
    form = _form(programme)
    if form.validate_on_submit():
        try:
            programmes.change_programme(
                me(), programme, name=form.name.data,
                target_delegates=form.target_delegates.data, lead=_lead(form),
                description=form.description.data or "")
        except DomainError as error:
            form.name.errors.append(str(error))
        else:
            flash(f"{programme.name} has been saved.", "success")
            return redirect(url_for("training.view_programme", programme_id=programme.id))
    return render_template("training/programme/programme_form.html", form=form,
                           programme=programme)
