from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "knotenpunkt.groups"
    label = "groups"
    verbose_name = _("Topic groups and clubs")

    def ready(self):
        from knotenpunkt.groups import audit_actions, merge_relations, personal_data  # noqa: F401
