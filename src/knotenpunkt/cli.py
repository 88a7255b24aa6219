"""The `knotenpunkt` command: Django's management commands under the project's name.

`knotenpunkt migrate`, `knotenpunkt db_worker`, `knotenpunkt demo` and so on. Dashes
work as well as underscores (`knotenpunkt find-duplicates`), since Django's command names
are module names.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knotenpunkt.settings")
    from django.core.management import execute_from_command_line

    arguments = sys.argv[1:]
    if arguments and not arguments[0].startswith("-"):
        arguments[0] = arguments[0].replace("-", "_")
    execute_from_command_line(["knotenpunkt", *arguments])


if __name__ == "__main__":
    main()
