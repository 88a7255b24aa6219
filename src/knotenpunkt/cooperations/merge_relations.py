"""A cooperation's partners follow a merge of two organisation records; of two partner
rows of one cooperation (both records took part) the survivor's is kept, the other
removed and restored by undo."""

from knotenpunkt.core.registry import register_merge_relation

register_merge_relation(
    "organisation",
    "cooperations.CooperationPartner",
    "organisation",
    unique_with=("cooperation",),
)
