"""Template tags for the machine-readable side of event pages."""

from django import template

from knotenpunkt.events.schema_org import event_json_ld_script

register = template.Library()


@register.simple_tag(takes_context=True)
def event_json_ld(context, event):
    """`{% event_json_ld event %}`: the schema.org Event as JSON-LD."""
    return event_json_ld_script(event, context.get("request"))
