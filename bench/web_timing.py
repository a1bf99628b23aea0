"""What the web benchmarks share: the meetings to ask for, a signed-in client, one request
timed, and the figures of many."""

import sqlite3
import statistics
import time
import urllib.request


def timed(opener, url, data=None, headers=None):
    """The seconds one request took, and its body."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    started = time.perf_counter()
    with opener.open(request) as response:
        body = response.read()
    return time.perf_counter() - started, body


def figures(name, times, width=40):
    """The median, 95th percentile and longest of the times, in ms, on one line."""
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    print(f"{name:<{width}} median {statistics.median(ms):8.1f} ms   p95 {p95:8.1f} ms   max {ms[-1]:8.1f} ms")


def single_meetings(db, count):
    """`count` single meetings of the store, in random order."""
    return [row[0] for row in sqlite3.connect(db).execute(
        "SELECT id FROM meeting WHERE recurrence IS NULL ORDER BY random() LIMIT ?", (count,))]


def signed_in(url, session):
    """A client with the session's cookie, whose POSTs come from the service's own Origin."""
    opener = urllib.request.build_opener()
    opener.addheaders = [("Cookie", f"planner-session={session}"), ("Origin", url)]
    return opener
