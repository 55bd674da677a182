"""A frontend cache backend that records what it is asked to purge."""

from wagtail.contrib.frontend_cache.backends import BaseBackend


class RecordingBackend(BaseBackend):
    purged_urls = []

    def purge(self, url):
        self.purged_urls.append(url)
