"""The benchmark's settings: knotenpunkt.settings, plus what production mode still lacks.

The project's own static files live in src/knotenpunkt/static/, which is no app's static
directory. Until settings.py lists it in STATICFILES_DIRS, collectstatic leaves out
knotenpunkt/css/site.css and, with DEBUG off, every page that extends base.html fails with
"Missing staticfiles manifest entry". This module adds the directory only while
settings.py does not, so it becomes a no-op once the project is fixed.
"""

from knotenpunkt.settings import *  # noqa: F403
from knotenpunkt.settings import PACKAGE_DIR

if "STATICFILES_DIRS" not in globals() and (PACKAGE_DIR / "static").is_dir():
    STATICFILES_DIRS = [PACKAGE_DIR / "static"]
