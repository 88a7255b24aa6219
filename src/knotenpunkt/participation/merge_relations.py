"""What follows a merge of people and organisations: the person an invitation (to a
process or a survey) was matched to, the public body that runs a process, and the
organisation named as a measure's owner."""

from knotenpunkt.core.registry import register_merge_relation

register_merge_relation("person", "participation.Invitation", "person")
register_merge_relation("person", "participation.SurveyInvitation", "person")
register_merge_relation("organisation", "participation.Process", "organisation")
register_merge_relation("organisation", "participation.Measure", "owner_organisation")
