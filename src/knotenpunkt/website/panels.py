"""A panel of the portrait editor: has the portrayed person consented, and a way to ask."""

from wagtail.admin.panels import Panel


class PortraitConsentPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "website/admin/portrait_consent_panel.html"

        def get_context_data(self, parent_context=None):
            from knotenpunkt.website.rules import may_request_portrait_consent
            from knotenpunkt.website.services.portraits import consent_status

            context = super().get_context_data(parent_context)
            page = self.instance
            saved = page is not None and page.pk is not None
            context["page"] = page
            context["status"] = consent_status(page) if saved else None
            context["may_request"] = saved and may_request_portrait_consent(self.request.user, page)
            return context
