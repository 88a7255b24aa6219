"""Who may export (Art. 15) or erase (Art. 17) a person's data: the person, their staff."""

import rules

from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.rules import is_own_person, is_staff_for_person

rules.add_perm(
    "privacy.export_person_data", is_platform_admin | is_own_person | is_staff_for_person
)
rules.add_perm("privacy.erase_person", is_platform_admin | is_own_person | is_staff_for_person)
