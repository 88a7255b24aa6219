"""The Wagtail admin's exception to the platform's Content Security Policy."""

# Wagtail's editor sets style attributes from its scripts (Draftail, the StreamField and
# the image focal point), previews images from blob: URLs and starts its choosers (images,
# the publishing schedule's date pickers) with inline scripts that carry per-page data (a
# browser test saw them blocked). Only /cms/, where logged-in editors work, gets these
# allowances; public pages, the website included, keep the platform's strict policy.
CMS_PATH_PREFIX = "/cms/"
CMS_POLICY_ADDITIONS = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
}


class CmsContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(CMS_PATH_PREFIX):
            response._csp_update = CMS_POLICY_ADDITIONS
        return response
