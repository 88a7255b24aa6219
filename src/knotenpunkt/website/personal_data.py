"""What the websites store about a person: the portraits of them (export, erasure)."""

from knotenpunkt.core.registry import register_personal_data
from knotenpunkt.website.models import PortraitPage


def export_person(person) -> dict:
    return {
        "portraits": [
            {
                "title": portrait.title,
                "series": portrait.get_series_display(),
                "published": portrait.live,
                "first_published_at": (
                    portrait.first_published_at.isoformat() if portrait.first_published_at else None
                ),
                "url": portrait.full_url if portrait.live else None,
                "language": portrait.locale.language_code,
            }
            for portrait in PortraitPage.objects.filter(person=person).select_related("locale")
        ]
    }


def erase_person(person) -> None:
    """An erased person's portraits go offline and no longer name them as portrayed; the
    editors decide whether the organisation's part of the text stays."""
    from knotenpunkt.website.services.portraits import take_portraits_offline

    take_portraits_offline(person, unlink=True)


register_personal_data(
    "website", export_person, erase_person, models=("website.PortraitPage.person",)
)


def export_editor_data(person) -> dict:
    """What Wagtail's editor keeps about a person's login: comments and page subscriptions."""
    from wagtail.models import Comment, CommentReply, PageSubscription

    user = person.user
    if user is None:
        return {"comments": [], "subscribed_pages": []}
    return {
        "comments": [
            {"page": str(c.page), "text": c.text, "created_at": c.created_at.isoformat()}
            for c in Comment.objects.filter(user=user).select_related("page")
        ]
        + [
            {"page": str(r.comment.page), "text": r.text, "created_at": r.created_at.isoformat()}
            for r in CommentReply.objects.filter(user=user).select_related("comment__page")
        ],
        "subscribed_pages": [
            str(s.page) for s in PageSubscription.objects.filter(user=user).select_related("page")
        ],
    }


def erase_editor_data(person) -> None:
    """Comments, replies, subscriptions, editing sessions, saved form states, API tokens and
    the editor profile of the person's login go; what the login did (owner, revisions, log)
    stays linked to the login, which erasure scrubs."""
    from wagtail.admin.models import EditingSession
    from wagtail.models import APIToken, Comment, CommentReply, PageSubscription
    from wagtail.users.models import UserProfile

    user = person.user
    if user is None:
        return
    CommentReply.objects.filter(user=user).delete()
    Comment.objects.filter(user=user).delete()
    Comment.objects.filter(resolved_by=user).update(resolved_by=None)
    for model in (PageSubscription, EditingSession, APIToken, UserProfile):
        model.objects.filter(user=user).delete()
    from django.apps import apps

    if apps.is_installed("wagtail.admin") and "formstate" in {
        m._meta.model_name for m in apps.get_app_config("wagtailadmin").get_models()
    }:
        apps.get_model("wagtailadmin", "FormState").objects.filter(user=user).delete()


register_personal_data(
    "website_editor",
    export_editor_data,
    erase_editor_data,
    models=(
        "wagtailcore.Comment.user",
        "wagtailcore.Comment.resolved_by",
        "wagtailcore.CommentReply.user",
        "wagtailcore.PageSubscription.user",
        "wagtailcore.APIToken",
        "wagtailadmin.EditingSession.user",
        "wagtailadmin.FormState.user",
        "wagtailusers.UserProfile.user",
    ),
)
