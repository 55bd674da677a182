"""The live server the browser tests use: Django's, one request at a time
when its threads share the test's in-memory SQLite connection.

Django's live server answers each request in a thread of its own, and with an
in-memory SQLite database every thread uses the test thread's one connection
(there is no other way to see the same database). A page that fetches several
URLs at once (the answer sheet's link check) then runs queries on one SQLite
connection from several threads together; Python 3.13's sqlite3 answers
``InterfaceError: bad parameter or other API misuse``. A real server has a
connection per thread and does not need this; nor does the live server on
PostgreSQL or a file database (no shared connection, no lock).
"""

import threading
from unittest import mock

from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread
from pytest_django.live_server_helper import LiveServer


class SharedConnectionServer(ThreadedWSGIServer):
    """Serves one request at a time while it shares connections."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._one_at_a_time = threading.Lock()

    def set_app(self, application):
        if not self.connections_override:
            return super().set_app(application)
        lock = self._one_at_a_time

        def one_at_a_time(environ, start_response):
            # The whole response is read inside the lock: Django's
            # request_finished (and a streamed file's reads) happen there.
            with lock:
                result = application(environ, start_response)
                try:
                    return [b"".join(result)]
                finally:
                    close = getattr(result, "close", None)
                    if close is not None:
                        close()

        return super().set_app(one_at_a_time)


def start(address):
    """pytest-django's live server, built on :class:`SharedConnectionServer`."""
    with mock.patch.object(LiveServerThread, "server_class", SharedConnectionServer):
        return LiveServer(address)
