"""Is everything that holds personal data covered by export (Art. 15) and erasure (Art. 17)?

A field holds personal data when it points at a person or a login, or when its name says
it holds a name, an e-mail address, a phone number, an IP address or contact details. Each
such field of every installed model (third-party ones included) must be covered by a
provider registered through `core.registry.register_personal_data(..., models=...)`, or be
listed below with the reason it is not a person's data. A test fails on any other, the way
the merge refuses a relation nobody registered.
"""

import re

from django.apps import apps
from django.conf import settings
from django.db import models

from knotenpunkt.core.registry import personal_data_providers

PERSONAL_FIELD_NAME = re.compile(
    r"(^|_)(name|names|email|emails|e_mail|phone|phones|mobile|fax|ip|ip_address|contact"
    r"|address|username|user_agent|recipient|street)($|_)|^to$"
)

ACTED_AS_LOGIN = (
    "who acted, as a link to the staff member's login: erasure scrubs and deactivates the "
    "login, so the link names nobody afterwards; what they did is exported from the audit log"
)
THE_ORGANISATIONS = "an organisation's, cluster's or administration's own contact data"
A_THING_NAMED = "the name of a thing (a list, a group, a type, a file), not of a person"

# "app_label.Model" (every field) or "app_label.Model.field": why it is not personal data.
NOT_PERSONAL_DATA: dict[str, str] = {
    # Names and contact data of organisations and things.
    "directory.Cluster.name": THE_ORGANISATIONS,
    "directory.Cluster.short_name": THE_ORGANISATIONS,
    "directory.Cluster.email": THE_ORGANISATIONS,
    "directory.Cluster.phone": THE_ORGANISATIONS,
    "directory.Cluster.street": THE_ORGANISATIONS,
    "directory.Organisation": THE_ORGANISATIONS,
    "directory.Region": A_THING_NAMED,
    "events.Event.venue_name": "the venue's name and address",
    "events.Event.street": "the venue's name and address",
    "events.TicketType": A_THING_NAMED,
    "groups.Group": A_THING_NAMED,
    "imports.ImportSource": A_THING_NAMED,
    "imports.ImportRun.original_name": "the uploaded file's name",
    "groups.MeetingDocument.original_name": "the uploaded file's name",
    "invoicing.InvoiceSettings": THE_ORGANISATIONS,
    "memberships.BillingDetails.invoice_email": THE_ORGANISATIONS,
    "memberships.DirectDebitSettings.creditor_name": THE_ORGANISATIONS,
    "mailings.MailingList": A_THING_NAMED,
    "mailings.Segment.name": A_THING_NAMED,
    "procurement.Interface": A_THING_NAMED,
    "procurement.OfferingVersion.name": A_THING_NAMED,
    "procurement.PublicBuyer.invoice_email": THE_ORGANISATIONS,
    "procurement.SupplierInvoice": (
        "an invoice between a provider and an administration: kept unchanged for ten years "
        "(§147 AO, §14b UStG; Art. 17(3)(b) DSGVO), naming organisations, not people"
    ),
    "cooperations.PartnerNetwork.name": A_THING_NAMED,
    "assessments.Indicator.name": A_THING_NAMED,
    "kpis.Kpi.name_de": A_THING_NAMED,
    "kpis.Kpi.name_en": A_THING_NAMED,
    "personas.Persona.name": 'a segment\'s name ("KI-Start-ups"), given by staff',
    "assessments.Evidence.original_name": "the uploaded file's name",
    "auth.Permission": A_THING_NAMED,
    "auth.Group": A_THING_NAMED,
    "django_tasks_database.DBTaskResult": (
        "task arguments are record ids, never names or addresses; finished results are "
        "pruned (`prune_db_task_results`)"
    ),
    "sessions.Session": (
        "expires with the session cookie; the erased login is deactivated, so a left-over "
        "session grants nothing"
    ),
    # Who acted.
    "imports.ImportRun.started_by": ACTED_AS_LOGIN,
    "quality.CandidatePair.decided_by": ACTED_AS_LOGIN,
    "quality.BulkMergeRun.started_by": ACTED_AS_LOGIN,
    "groups.GroupMembership.invited_by": ACTED_AS_LOGIN,
    "groups.MeetingDocument.uploaded_by": ACTED_AS_LOGIN,
    "events.Invitation.invited_by": ACTED_AS_LOGIN,
    "events.Registration.registered_by": ACTED_AS_LOGIN,
    "invoicing.Invoice.created_by": ACTED_AS_LOGIN,
    "mailings.Mailing.created_by": ACTED_AS_LOGIN,
    "mailings.Segment.created_by": ACTED_AS_LOGIN,
    "procurement.PublicBuyer.verified_by": ACTED_AS_LOGIN,
    "procurement.OfferingVersion.created_by": ACTED_AS_LOGIN,
    "procurement.OfferingVersion.reviewed_by": ACTED_AS_LOGIN,
    "procurement.QuoteRequest.created_by": ACTED_AS_LOGIN,
    "procurement.QuoteRequest.awarded_by": ACTED_AS_LOGIN,
    "procurement.Quote.submitted_by": ACTED_AS_LOGIN,
    "procurement.Order.ordered_by": ACTED_AS_LOGIN,
    "procurement.SupplierInvoice.created_by": ACTED_AS_LOGIN,
    "memberships.ClusterDocument.created_by": ACTED_AS_LOGIN,
    "memberships.MembershipApplication.decided_by": ACTED_AS_LOGIN,
    "memberships.FeeSchedule.created_by": ACTED_AS_LOGIN,
    "memberships.FeeOverride.set_by": ACTED_AS_LOGIN,
    "memberships.FeeRun.started_by": ACTED_AS_LOGIN,
    "memberships.DebitBatch.created_by": ACTED_AS_LOGIN,
    "memberships.DebitReturn.recorded_by": ACTED_AS_LOGIN,
    "memberships.DunningPause.paused_by": ACTED_AS_LOGIN,
    "memberships.PaymentRecord.recorded_by": ACTED_AS_LOGIN,
    "cooperations.Cooperation.created_by": ACTED_AS_LOGIN,
    "assessments.Assessment.created_by": ACTED_AS_LOGIN,
    "kpis.KpiTarget.set_by": ACTED_AS_LOGIN,
    "assessments.Evidence.uploaded_by": ACTED_AS_LOGIN,
    # The clusters' websites (Wagtail, website app): who edited, and names of things.
    "wagtailcore.ModelLogEntry.user": ACTED_AS_LOGIN,
    "wagtailcore.PageLogEntry.user": ACTED_AS_LOGIN,
    "wagtailcore.Revision.user": ACTED_AS_LOGIN,
    "wagtailcore.Page.locked_by": ACTED_AS_LOGIN,
    "wagtailcore.Page.owner": ACTED_AS_LOGIN,
    "wagtailcore.TaskState.finished_by": ACTED_AS_LOGIN,
    "wagtailcore.UploadedFile.uploaded_by_user": ACTED_AS_LOGIN,
    "wagtailcore.WorkflowState.requested_by": ACTED_AS_LOGIN,
    "wagtaildocs.Document.uploaded_by_user": ACTED_AS_LOGIN,
    "wagtailimages.Image.uploaded_by_user": ACTED_AS_LOGIN,
    "website.WebsiteImage.uploaded_by_user": ACTED_AS_LOGIN,
    "website.ArticleIndexPage.locked_by": ACTED_AS_LOGIN,
    "website.ArticleIndexPage.owner": ACTED_AS_LOGIN,
    "website.ArticlePage.locked_by": ACTED_AS_LOGIN,
    "website.ArticlePage.owner": ACTED_AS_LOGIN,
    "website.HomePage.locked_by": ACTED_AS_LOGIN,
    "website.HomePage.owner": ACTED_AS_LOGIN,
    "website.PortraitIndexPage.locked_by": ACTED_AS_LOGIN,
    "website.PortraitIndexPage.owner": ACTED_AS_LOGIN,
    "website.PortraitPage.locked_by": ACTED_AS_LOGIN,
    "website.PortraitPage.owner": ACTED_AS_LOGIN,
    "website.StandardPage.locked_by": ACTED_AS_LOGIN,
    "website.StandardPage.owner": ACTED_AS_LOGIN,
    "taggit.Tag.name": A_THING_NAMED,
    "wagtailcore.Collection.name": A_THING_NAMED,
    "wagtailcore.GroupApprovalTask.name": A_THING_NAMED,
    "wagtailcore.Task.name": A_THING_NAMED,
    "wagtailcore.Workflow.name": A_THING_NAMED,
    "wagtailcore.Site.site_name": THE_ORGANISATIONS,
}


def _person_models() -> tuple[type[models.Model], ...]:
    return (apps.get_model("directory.Person"), apps.get_model(settings.AUTH_USER_MODEL))


def personal_fields() -> set[str]:
    """Every field of the installed models that may hold a person's data, as
    "app_label.Model.field"."""
    people = _person_models()
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            forward = field.concrete or (field.many_to_many and not field.auto_created)
            if not forward:
                continue
            if (field.is_relation and field.related_model in people) or (
                PERSONAL_FIELD_NAME.search(field.name)
            ):
                found.add(f"{model._meta.label}.{field.name}")
    return found


def _covers(names, label: str) -> bool:
    model = label.rsplit(".", 1)[0]
    return label in names or model in names


def uncovered_personal_data() -> list[str]:
    """Fields holding personal data that no provider covers and no reason exempts."""
    covered = {name for p in personal_data_providers() if p.erase for name in p.models}
    return sorted(
        label
        for label in personal_fields()
        if not _covers(covered, label) and not _covers(NOT_PERSONAL_DATA, label)
    )


def unknown_names() -> list[str]:
    """Names in registrations or exemptions that are no installed model or field (a typo or
    a renamed model would otherwise cover nothing in silence)."""
    unknown = []
    names = [n for p in personal_data_providers() for n in p.models] + list(NOT_PERSONAL_DATA)
    for name in names:
        parts = name.split(".")
        try:
            model = apps.get_model(parts[0], parts[1])
            if len(parts) == 3:
                model._meta.get_field(parts[2])
        except (LookupError, ValueError, IndexError, models.FieldDoesNotExist):
            unknown.append(name)
    return sorted(unknown)
