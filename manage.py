#!/usr/bin/env python
"""Django's manage.py, for habit; `knotenpunkt` is the same command."""

from knotenpunkt.cli import main

if __name__ == "__main__":
    main()
