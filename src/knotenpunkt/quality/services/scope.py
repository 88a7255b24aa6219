"""Which records a member of staff works on: the directory's `visible_people` and
`visible_organisations` (their clusters' records plus prospects; everything for platform
admins), chosen by the kind of record the duplicate and merge pages work on."""

from django.db.models import QuerySet

from knotenpunkt.directory.rules import visible_organisations, visible_people


def records_in_scope(kind: str, user) -> QuerySet:
    return visible_people(user) if kind == "person" else visible_organisations(user)
