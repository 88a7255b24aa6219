"""An organisation's people for the self-service (knotenpunkt.directory): the people
page's list, adding a colleague (reused by a confirmed e-mail address, never created
twice) and changing a function, through the page's forms and services and audited with
the token's name."""

import datetime
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import AuthorizationError
from ninja.pagination import paginate

from knotenpunkt.api.auth import TokenAuth, require_organisation, require_scope
from knotenpunkt.api.openapi import ID_MAX, SLUG, TEXT, choice_of
from knotenpunkt.api.pagination import PageNumbers
from knotenpunkt.api.scopes import PEOPLE_READ, PEOPLE_WRITE
from knotenpunkt.directory.forms import AddColleagueForm, PositionForm
from knotenpunkt.directory.models import Organisation, Person, Position
from knotenpunkt.directory.services import organisations as organisation_services

router = Router(tags=["people"], auth=TokenAuth())

ORDERINGS = {
    "name": ("person__last_name", "person__first_name", "pk"),
    "-name": ("-person__last_name", "-person__first_name", "-pk"),
    "start_date": ("start_date", "pk"),
}


class PersonOut(Schema):
    id: int
    salutation: str
    title: str
    first_name: str
    last_name: str
    emails: list[str]
    is_public: bool = Field(description="Whether they chose to be shown on public pages.")

    @staticmethod
    def resolve_emails(person) -> list[str]:
        return [e.address for e in person.emails.all()]


class PositionOut(Schema):
    id: int = Field(description="The function's id (one person may hold several).")
    person: PersonOut
    function: choice_of(Position.Function)
    job_title: str
    is_admin: bool = Field(description="May edit the organisation's profile and people.")
    start_date: datetime.date | None


class PeopleFilters(Schema):
    ordering: Literal["", "name", "-name", "start_date"] = Field(
        "", description="name (the default, as the people page), -name or start_date."
    )


class ColleagueIn(Schema):
    salutation: choice_of(Person.Salutation)
    title: str = Field("", max_length=50, pattern=TEXT)
    first_name: str = Field(max_length=100, pattern=TEXT)
    last_name: str = Field(max_length=100, pattern=TEXT)
    email: str = Field(
        max_length=254,
        pattern=TEXT,
        description="Finds a person already known by this (confirmed) address.",
    )
    phone: str = Field("", max_length=40, pattern=TEXT)
    function: choice_of(Position.Function)
    job_title: str = Field("", max_length=150, pattern=TEXT)
    is_admin: bool = False


class PositionPatch(Schema):
    function: choice_of(Position.Function) | None = None
    job_title: str | None = Field(None, max_length=150, pattern=TEXT)
    is_admin: bool | None = None


def _administered(request, slug: str, scope: str) -> Organisation:
    require_scope(request, scope)
    organisation = get_object_or_404(Organisation, slug=slug)
    require_organisation(request, organisation)
    if not request.user.has_perm("directory.manage_people", organisation):
        raise AuthorizationError(message=_("You may not manage this organisation's people."))
    return organisation


def _positions(organisation):
    return (
        organisation.positions.current()
        .filter(person__erased_at__isnull=True)
        .select_related("person")
        .prefetch_related("person__emails")
    )


@router.get(
    "/organisations/{slug}/people",
    response=list[PositionOut],
    summary="An organisation's people",
)
@paginate(PageNumbers)
def list_people(request, slug: Annotated[str, Path(pattern=SLUG)], filters: Query[PeopleFilters]):
    """The people working at the organisation now, with their functions, as its people
    page shows them to its admins and the staff who look after it. Scope people:read."""
    organisation = _administered(request, slug, PEOPLE_READ)
    return _positions(organisation).order_by(*ORDERINGS[filters.ordering or "name"])


@router.post(
    "/organisations/{slug}/people",
    response={201: PositionOut},
    summary="Add a person to an organisation",
)
def add_person(request, slug: Annotated[str, Path(pattern=SLUG)], payload: ColleagueIn):
    """Add a colleague in a function, checked by the people page's form: someone already
    known by this e-mail address (confirmed by its owner) is added, not created twice;
    the same function twice is not added again. Scope people:write; audited with the
    token's name."""
    organisation = _administered(request, slug, PEOPLE_WRITE)
    form = AddColleagueForm(payload.model_dump())
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    person = organisation_services.add_colleague(
        request.user, organisation, via=request.api_token.name, **form.cleaned_data
    )
    position = (
        _positions(organisation)
        .filter(person=person, function=form.cleaned_data["function"])
        .first()
    )
    return Status(201, position)


@router.patch(
    "/organisations/{slug}/people/{position_id}",
    response=PositionOut,
    summary="Change a person's function",
)
def change_position(
    request,
    slug: Annotated[str, Path(pattern=SLUG)],
    position_id: Annotated[int, Path(ge=1, le=ID_MAX)],
    payload: PositionPatch,
):
    """Change the function, job title or admin right sent, checked by the page's form.
    Scope people:write; audited with the token's name."""
    organisation = _administered(request, slug, PEOPLE_WRITE)
    position = get_object_or_404(_positions(organisation), pk=position_id)
    data = {
        "function": position.function,
        "job_title": position.job_title,
        "is_admin": position.is_admin,
    }
    sent = payload.model_dump(exclude_unset=True)
    if sent.get("job_title", "") is None:
        sent["job_title"] = ""
    data.update({name: value for name, value in sent.items() if value is not None})
    if not data["is_admin"]:
        data.pop("is_admin")  # a checkbox: left out means off
    form = PositionForm(data, instance=position)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    organisation_services.save_position(request.user, form, via=request.api_token.name)
    return _positions(organisation).get(pk=position.pk)
