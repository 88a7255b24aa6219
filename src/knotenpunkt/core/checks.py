"""System checks for what the platform cannot run without but does not ship in git."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.staticfiles)
def kern_is_installed(app_configs, **kwargs):
    """Every page links KERN's stylesheet; without it the platform is unstyled and the
    forms lose their visible focus and error marks. `make install` fetches it."""
    stylesheet = settings.FRONTEND_DIR / "kern" / "dist" / "kern.min.css"
    if stylesheet.exists():
        return []
    return [
        checks.Error(
            f"The KERN design system is missing ({stylesheet} not found).",
            hint="Run `make install` (it fetches @kern-ux/native into frontend/packages/), "
            "or set FRONTEND_DIR to where it was unpacked.",
            id="knotenpunkt.E001",
        )
    ]
