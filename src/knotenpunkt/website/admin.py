"""Website content is edited in Wagtail's admin (/cms/), not in the back office. The
back-office admins that Wagtail's libraries register themselves are for platform admins."""

import taggit.admin  # noqa: F401 - registers Tag, which is then restricted
import wagtail.documents.admin  # noqa: F401 - registers Document, which is then restricted
from taggit.models import Tag
from wagtail.documents.models import Document

from knotenpunkt.core.admin import restrict_to_platform_admins

restrict_to_platform_admins(Document, Tag)
