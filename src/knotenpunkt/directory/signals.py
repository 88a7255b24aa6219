"""What the directory announces to later apps, which it must not import.

Sent explicitly by the services (and the back office) after a person or organisation
and its contact data were saved, inside the saving transaction; the data-quality app
keeps its duplicate-lookup keys up to date from them.
"""

from django.dispatch import Signal

# Keyword argument: person.
person_changed = Signal()
# Keyword argument: organisation.
organisation_changed = Signal()
# Keyword argument: ids. Many records saved at once (an import): one signal per batch.
people_changed = Signal()
organisations_changed = Signal()
