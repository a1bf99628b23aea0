"""What the web benchmarks share: one request timed, and the figures of many."""

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
