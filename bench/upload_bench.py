#!/usr/bin/python3
"""A meeting file uploaded in the browser on a large store: each meeting's file as its
page downloads it, with the title changed, previewed record by record ("Änderungen
ansehen", POST /meeting-files) and imported ("Übernehmen", POST /meeting-files/import),
against the meeting's page (the baseline, in the same run). One request at a time;
prints the median, 95th percentile and the longest time of each.

    bench/upload_bench.sh [MEETINGS] [REQUESTS]
"""

import html
import re
import sys
import uuid

from web_timing import figures, signed_in, single_meetings, timed


def multipart(fields, files):
    """The body a browser sends for a form with files, and its Content-Type."""
    boundary = "----bench" + uuid.uuid4().hex
    parts = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f'{value.replace(chr(10), chr(13) + chr(10))}\r\n')
    for name, filename, content in files:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f'Content-Type: application/octet-stream\r\n\r\n{content}\r\n')
    parts.append(f"--{boundary}--\r\n")
    return "".join(parts).encode("utf-8"), f"multipart/form-data; boundary={boundary}"


def hidden(page, name):
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    if not found:
        sys.exit(f"no field {name} on the page")
    return html.unescape(found.group(1))


def main():
    url, session, db, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    ids = single_meetings(db, count)
    opener = signed_in(url, session)
    _, start = timed(opener, f"{url}/meeting-files")
    csrf = hidden(start.decode("utf-8"), "csrf")
    page, preview, imported = [], [], []
    for meeting in ids:
        seconds, _ = timed(opener, f"{url}/meetings/{meeting}")
        page.append(seconds)
        _, file = timed(opener, f"{url}/meetings/{meeting}/meeting.toml")
        text = re.sub(r'(?m)^title = "', 'title = "Neu: ', file.decode("utf-8"), count=1)
        body, kind = multipart([("csrf", csrf)], [("file", f"{meeting}.toml", text)])
        seconds, shown = timed(opener, f"{url}/meeting-files", body, {"Content-Type": kind})
        shown = shown.decode("utf-8")
        if "<code>title</code>" not in shown:
            sys.exit(f"the preview of {meeting} did not show the changed title")
        preview.append(seconds)
        body, kind = multipart([("csrf", csrf), ("text", hidden(shown, "text")), ("source", hidden(shown, "source")),
                                ("fingerprint", hidden(shown, "fingerprint"))], [])
        seconds, done = timed(opener, f"{url}/meeting-files/import", body, {"Content-Type": kind})
        if "Übernommen: 0 neu, 1 geändert" not in done.decode("utf-8"):
            sys.exit(f"the import of {meeting} did not say it changed one record")
        imported.append(seconds)
    print(f"{len(ids)} meetings, each once")
    figures("/meetings/{id} (the baseline)", page)
    figures("POST /meeting-files (the preview)", preview)
    figures("POST /meeting-files/import (+ redirect)", imported)


if __name__ == "__main__":
    main()
