"""`{{ group|group_sentence:"members_of" }}`: a sentence naming the group with the right
German article (groups/wording.py)."""

from django import template

from knotenpunkt.groups.wording import sentence

register = template.Library()


@register.filter
def group_sentence(group, key: str) -> str:
    return str(sentence(key, group))
