"""What must follow a saved organisation or person, whoever saved it.

The profile forms, the back office, the import, the merge and the demo all call these
instead of saving raw: the search index, the signals later apps listen to (duplicate
keys, matching) and the cached public listing stay in step with the data.
"""

from collections.abc import Iterable

from knotenpunkt.directory import signals
from knotenpunkt.directory.models import Organisation, Person
from knotenpunkt.directory.services.listing_cache import directory_changed
from knotenpunkt.directory.services.search import refresh_search_index


def organisations_saved(ids: Iterable[int]) -> None:
    """Organisations with these ids were created or changed (inside the saving transaction)."""
    ids = sorted(set(ids))
    if not ids:
        return
    # Refreshing the index also starts a new listing generation (directory_changed).
    refresh_search_index(ids)
    # A merge passes the merged-away (deleted) record too: the listeners drop what they
    # derived from it, so it goes out with the batch signal, which takes bare ids.
    organisation = Organisation.objects.filter(pk=ids[0]).first() if len(ids) == 1 else None
    if organisation is not None:
        signals.organisation_changed.send(sender=Organisation, organisation=organisation)
    else:
        signals.organisations_changed.send(sender=Organisation, ids=ids)


def people_saved(ids: Iterable[int]) -> None:
    """People with these ids were created or changed, with their addresses and numbers."""
    ids = sorted(set(ids))
    if not ids:
        return
    person = Person.objects.filter(pk=ids[0]).first() if len(ids) == 1 else None
    if person is not None:
        signals.person_changed.send(sender=Person, person=person)
    else:
        signals.people_changed.send(sender=Person, ids=ids)
    directory_changed()
