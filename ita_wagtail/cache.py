"""The path settings name the page cache by (``MIDDLEWARE``).

It lives in services/cache.py.
"""

from .services.cache import PageCacheMiddleware


__all__ = ["PageCacheMiddleware"]
