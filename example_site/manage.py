#!/usr/bin/env python
"""Django's command-line utility for the example LAO site."""

import os
import sys
from pathlib import Path


def main():
    # The example site is a package beside ita_wagtail; make both importable
    # however this file is called (``python example_site/manage.py …``).
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
