"""What the feed stores about a person, for export (Art. 15) and erasure (Art. 17)."""

from knotenpunkt.core.registry import register_personal_data
from knotenpunkt.feed.models import Follow, InterestProfile, Notice, Rating, Share, Usage


def export_person(person) -> dict:
    profile = InterestProfile.objects.filter(person=person).first()
    return {
        "follows": [
            {"target": f.target_type, "id": f.target_id, "level": f.level}
            for f in Follow.objects.filter(person=person)
        ],
        "interest_profile": {
            "topics": profile.topic_weights,
            "groups": profile.group_weights,
            "organisations": profile.organisation_weights,
            "learned_from_usage": profile.learned_topic_weights,
        }
        if profile
        else None,
        "usage": [
            {"item": u.entry.title, "what": u.kind, "at": u.at.isoformat()}
            for u in Usage.objects.filter(person=person).select_related("entry")
        ],
        "ratings": [
            {"item": r.entry.title, "useful": r.useful, "at": r.rated_at.isoformat()}
            for r in Rating.objects.filter(person=person).select_related("entry")
        ],
        "shared": [
            {
                "item": s.entry.title,
                "to": s.recipient.full_name,
                "note": s.note,
                "at": s.created_at.isoformat(),
            }
            for s in Share.objects.filter(sender=person).select_related("entry", "recipient")
        ],
        "received": [
            {"item": s.entry.title, "from": s.sender.full_name, "note": s.note}
            for s in Share.objects.filter(recipient=person).select_related("entry", "sender")
        ],
        "notices": [
            {"text": n.text, "note": n.note, "at": n.created_at.isoformat()}
            for n in Notice.objects.filter(recipient=person)
        ],
    }


def erase_person(person) -> None:
    """Everything personal goes: follows, profile, usage, notices and shares (their notes
    are free text). Ratings stay without a person? No: a rating row names the person, so
    it goes too; the entry's anonymous counters keep it counted."""
    Follow.objects.filter(person=person).delete()
    InterestProfile.objects.filter(person=person).delete()
    Usage.objects.filter(person=person).delete()
    Rating.objects.filter(person=person).delete()
    Notice.objects.filter(recipient=person).delete()
    Share.objects.filter(sender=person).delete()
    Share.objects.filter(recipient=person).delete()


register_personal_data(
    "feed",
    export_person,
    erase_person,
    models=(
        "feed.Follow",
        "feed.InterestProfile",
        "feed.Usage",
        "feed.Rating",
        "feed.Share",
        "feed.Notice",
    ),
)
