#!/usr/bin/python3
"""The meeting form on a large store, as an organiser uses it: the meeting's page (the
baseline, in the same run), the form to change it, and "Prüfen", the check before
saving (its conflicts as `check MEETING` finds them, and who would need an update).
One request at a time, over many meetings the server has not seen; prints the
median, 95th percentile and the longest time of each.

    bench/form_bench.sh [MEETINGS] [REQUESTS]
"""

import html.parser
import statistics
import sys
import urllib.parse

from web_timing import figures, signed_in, single_meetings, timed


class FormFields(html.parser.HTMLParser):
    """The fields the edit form sends, as a browser would send them unchanged."""

    def __init__(self):
        super().__init__()
        self.fields = []
        self.select = None
        self.textarea = None
        self.in_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method") == "post" and a.get("action", "").endswith("/edit"):
            self.in_form = True
        if not self.in_form:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((a["name"], a.get("value", "on")))
            else:
                self.fields.append((a["name"], a.get("value") or ""))
        elif tag == "select":
            self.select = [a.get("name"), None]
        elif tag == "option" and self.select is not None and "selected" in a:
            self.select[1] = a.get("value") or ""
        elif tag == "textarea":
            self.textarea = [a.get("name"), ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self.select is not None:
            if self.select[1] is not None:
                self.fields.append(tuple(self.select))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append(tuple(self.textarea))
            self.textarea = None
        elif tag == "form":
            self.in_form = False


def main():
    url, session, db, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    ids = single_meetings(db, count)
    opener = signed_in(url, session)
    page, form, check, sizes = [], [], [], []
    for meeting in ids:
        seconds, _ = timed(opener, f"{url}/meetings/{meeting}")
        page.append(seconds)
        seconds, body = timed(opener, f"{url}/meetings/{meeting}/edit")
        form.append(seconds)
        sizes.append(len(body))
        parser = FormFields()
        parser.feed(body.decode("utf-8"))
        fields = [f for f in parser.fields if f[0] != "action"] + [("action", "check")]
        seconds, body = timed(opener, f"{url}/meetings/{meeting}/edit", urllib.parse.urlencode(fields).encode(),
                              {"Content-Type": "application/x-www-form-urlencoded"})
        if b'id="preview"' not in body:
            sys.exit(f"the check of {meeting} showed no preview")
        check.append(seconds)
    print(f"{len(ids)} meetings, each once; the form is {statistics.median(sizes) / 1024:.0f} KiB (median)")
    figures("/meetings/{id} (the baseline)", page)
    figures("/meetings/{id}/edit (the form)", form)
    figures("POST .../edit, Prüfen (the check)", check)


if __name__ == "__main__":
    main()
