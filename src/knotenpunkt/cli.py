"""The `knotenpunkt` command: Django's management commands under the project's name.

`knotenpunkt migrate`, `knotenpunkt db_worker`, `knotenpunkt demo` and so on.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knotenpunkt.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["knotenpunkt", *sys.argv[1:]])


if __name__ == "__main__":
    main()
