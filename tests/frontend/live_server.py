"""The live server the browser tests use: Django's, one request at a time
when its threads share the test's in-memory SQLite connection.

Django's live server answers each request in a thread of its own, and with an
in-memory SQLite database every thread uses the test thread's one connection
(there is no other way to see the same database). A page that fetches several
URLs at once (the answer sheet's link check) then runs queries on one SQLite
connection from several threads together; Python 3.13's sqlite3 answers
``InterfaceError: bad parameter or other API misuse``. The test's own queries
share that connection too: one run while the browser's request (an autosave,
say) wrote pages failed with "database table is locked: wagtailcore_page".
So requests, and the ORM queries of any thread, take one lock in turn. A real
server has a connection per thread and does not need this; nor does the live
server on PostgreSQL or a file database (no shared connection, no lock).
"""

import functools
import threading
from unittest import mock

from django.core.servers.basehttp import ThreadedWSGIServer
from django.db.models.sql import compiler
from django.test.testcases import LiveServerThread
from pytest_django.live_server_helper import LiveServer


#: Held by a request while it is answered, and by a query while it runs and
#: its rows are read. Re-entrant: a request's own queries take it again.
SHARED_CONNECTION = threading.RLock()

#: The compilers whose ``execute_sql`` runs a query and reads its rows.
COMPILERS = (
    compiler.SQLCompiler,
    compiler.SQLInsertCompiler,
    compiler.SQLUpdateCompiler,
    compiler.SQLDeleteCompiler,
)


def _in_turn(execute_sql):
    @functools.wraps(execute_sql)
    def execute_in_turn(*args, **kwargs):
        with SHARED_CONNECTION:
            return execute_sql(*args, **kwargs)

    return execute_in_turn


class SharedConnectionServer(ThreadedWSGIServer):
    """Serves one request at a time while it shares connections."""

    def set_app(self, application):
        if not self.connections_override:
            return super().set_app(application)
        lock = SHARED_CONNECTION
        self._own_execute_sql = {
            compiler_class: vars(compiler_class)["execute_sql"]
            for compiler_class in COMPILERS
            if "execute_sql" in vars(compiler_class)
        }
        for compiler_class, execute_sql in self._own_execute_sql.items():
            compiler_class.execute_sql = _in_turn(execute_sql)

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

    def server_close(self):
        super().server_close()
        for compiler_class, execute_sql in getattr(
            self, "_own_execute_sql", {}
        ).items():
            compiler_class.execute_sql = execute_sql


def start(address):
    """pytest-django's live server, built on :class:`SharedConnectionServer`."""
    with mock.patch.object(LiveServerThread, "server_class", SharedConnectionServer):
        return LiveServer(address)
