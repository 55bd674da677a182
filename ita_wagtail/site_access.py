"""The path the README documents ``ita_sites_for_user`` by.

It lives in models/site_access.py.
"""

from .models.site_access import ita_sites_for_user


__all__ = ["ita_sites_for_user"]
