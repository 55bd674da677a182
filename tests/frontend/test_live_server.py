"""The browser tests' live server answers requests that arrive together.

On in-memory SQLite its threads share one connection (tests/frontend/
live_server.py); without one request at a time, pages fetched at once fail
now and then with SQLite's "bad parameter or other API misuse".
"""

from concurrent.futures import ThreadPoolExecutor
from urllib.request import urlopen

from .pages import PUBLIC_ITA_PAGES


def test_pages_fetched_together_all_answer(demo_site):
    paths = PUBLIC_ITA_PAGES * 6

    def fetch(path):
        url = demo_site.url + path  # the live server: http://localhost:…
        with urlopen(url, timeout=60) as response:  # noqa: S310
            return response.status, len(response.read())

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(fetch, paths))
    assert all(status == 200 and size > 0 for status, size in answers), answers
