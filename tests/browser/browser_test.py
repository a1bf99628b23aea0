#!/usr/bin/python3
"""End-to-end tests of `planner serve` in a real browser: Debian's chromium, driven by
chromedriver through python3-selenium, headless, against the server on a free loopback
port, with no network. axe-core checks every page for WCAG 2.1 A and AA violations.

Run by ctest: browser_test.py PLANNER_BINARY EXAMPLES_DIR
"""

import email
import email.policy
import json
import os
import re
import pathlib
import shutil
import signal
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select
from selenium.webdriver.support.ui import WebDriverWait

HERE = pathlib.Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
PLANNER = None
EXAMPLES = None
# Where the README's tour takes its pictures from (scripts/screenshots.sh); unset in CI.
SCREENSHOTS = os.environ.get("PLANNER_SCREENSHOTS")

ORGANISER_PASSWORD = "Organisatorin-Passwort-2012"
SERVICE_ADDRESS = "planner@bodenseekreis.example"
STAFF_PASSWORD = "Konstanz-Passwort-2012"
# Meetings to come (the tests' own file): Gerda Straub and Wolfgang Maier lead self-help
# groups, and at the first of them they do not see each other.
COMING = HERE.parent / "support" / "meetings-2031.toml"
# A tentative meeting whose time a date poll finds.
POLL = HERE.parent / "support" / "poll-2031.toml"


def planner(store, *args, stdin=None):
    return subprocess.run([PLANNER, "--db", str(store), *args], input=stdin, capture_output=True, text=True,
                          check=True, timeout=60)


class SmtpConversation(socketserver.StreamRequestHandler):
    """What libcurl needs of an SMTP server; every message is kept."""

    def handle(self):
        def reply(text):
            self.wfile.write((text + "\r\n").encode())
        reply("220 sink ESMTP")
        sender, recipients = "", []
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb == b"MAIL":
                sender, recipients = line.decode().split("<", 1)[1].split(">", 1)[0], []
            elif verb == b"RCPT":
                recipients.append(line.decode().split("<", 1)[1].split(">", 1)[0])
            elif verb == b"DATA":
                reply("354 go ahead")
                data = []
                while (data_line := self.rfile.readline()) not in (b".\r\n", b""):
                    data.append(data_line[1:] if data_line.startswith(b".") else data_line)
                self.server.messages.append((sender, recipients, b"".join(data).decode()))
            elif verb == b"QUIT":
                reply("221 bye")
                return
            reply("250 OK")


class SmtpSink(socketserver.ThreadingTCPServer):
    """An SMTP server on a free loopback port, in a thread of its own."""
    daemon_threads = True

    def __init__(self):
        self.messages = []
        super().__init__(("127.0.0.1", 0), SmtpConversation)

    def start(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()


class Server:
    """planner serve on a port the system chooses, stopped with SIGTERM; its outbox
    sends to `smtp_port`."""

    def __init__(self, store, smtp_port):
        config = store.parent / "serve.toml"
        config.write_text(f'[web]\nlisten = "127.0.0.1:0"\n[smtp]\nhost = "127.0.0.1"\nport = {smtp_port}\n'
                          f'tls = "none"\nfrom = "{SERVICE_ADDRESS}"\n')
        self.process = subprocess.Popen([PLANNER, "--db", str(store), "serve", "--config", str(config)],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline().strip()
        prefix = "listening on "
        if not line.startswith(prefix):
            self.process.kill()
            raise RuntimeError(f"planner serve did not start: {line!r} {self.process.stderr.read()}")
        self.url = line[len(prefix):]

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=20)
        if code != 0:
            raise RuntimeError(f"planner serve exited with {code}")


def chromium(download_dir, profile_dir):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={profile_dir}", "--lang=de-DE"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(download_dir),
        "download.prompt_for_download": False,
        "plugins.always_open_pdf_externally": True,
    })
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class BrowserTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = pathlib.Path(tempfile.mkdtemp(prefix="planner-browser-"))
        cls.store = cls.work / "planner.db"
        planner(cls.store, "import", str(pathlib.Path(EXAMPLES) / "immenstaad-2012.toml"))
        planner(cls.store, "user", "add", "karin", "--role", "organiser", "--organisation", "ks-bodenseekreis",
                "--person", "karin-bartholomaeus", "--password-stdin", stdin=ORGANISER_PASSWORD + "\n")
        planner(cls.store, "user", "add", "konstanz", "--role", "staff", "--organisation", "lra-konstanz",
                "--password-stdin", stdin=STAFF_PASSWORD + "\n")
        cls.smtp = SmtpSink()
        cls.smtp.start()
        cls.server = Server(cls.store, cls.smtp.server_address[1])
        cls.downloads = cls.work / "downloads"
        cls.downloads.mkdir()
        cls.browser = chromium(cls.downloads, cls.work / "profile")
        cls.browser.set_page_load_timeout(30)
        cls.browser.set_window_size(1280, 1024)
        cls.axe_source = AXE.read_text()
        cls.pages_checked = []

    @classmethod
    def tearDownClass(cls):
        cls.browser.quit()
        cls.server.stop()
        cls.smtp.shutdown()
        shutil.rmtree(cls.work, ignore_errors=True)

    def setUp(self):
        self.browser.delete_all_cookies()

    # --- helpers ---------------------------------------------------------------

    def open(self, path):
        self.browser.get(self.server.url + path)
        self.check_accessibility()

    def check_accessibility(self):
        """axe-core on the page as it is now: no violation of WCAG 2.1 A or AA."""
        self.browser.execute_script(self.axe_source)
        result = self.browser.execute_async_script("""
            const done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
               .then(r => done(JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact,
                     nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))))
               .catch(e => done(JSON.stringify([{id: 'axe-failed', impact: String(e), nodes: []}])));
        """)
        violations = json.loads(result)
        self.assertEqual(violations, [], f"axe-core on {self.browser.current_url}")
        type(self).pages_checked.append(self.browser.current_url)

    def screenshot(self, name):
        """The page as it is now, for the README's tour, when asked for."""
        if SCREENSHOTS:
            pathlib.Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
            self.browser.save_screenshot(str(pathlib.Path(SCREENSHOTS) / f"{name}.png"))

    def log_in(self, login, password):
        self.open("/login")
        self.browser.find_element(By.ID, "login").send_keys(login)
        self.browser.find_element(By.ID, "password").send_keys(password)
        self.browser.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]").click()
        WebDriverWait(self.browser, 10).until(expected_conditions.url_contains("/meetings"))
        self.check_accessibility()

    def wait_for_text(self, locator, text):
        """Until the element holds the text. A page being replaced meanwhile (the element
        found belongs to the old document) is waited out, not an error."""
        WebDriverWait(self.browser, 10, ignored_exceptions=(WebDriverException,)).until(
            expected_conditions.text_to_be_present_in_element(locator, text))

    def heading(self):
        return self.browser.find_element(By.TAG_NAME, "h1").text

    # --- tests -----------------------------------------------------------------

    def test_organiser_lists_filters_opens_downloads_and_logs_out(self):
        self.log_in("karin", ORGANISER_PASSWORD)
        self.assertEqual(self.heading(), "Treffen")

        # Filter the list to October 2012: the Immenstaad meeting and nothing of 2013.
        start = self.browser.find_element(By.ID, "filter-from")
        end = self.browser.find_element(By.ID, "filter-to")
        self.browser.execute_script("arguments[0].value = '2012-10-01'; arguments[1].value = '2012-10-31';", start, end)
        self.browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
        WebDriverWait(self.browser, 10).until(expected_conditions.url_contains("from=2012-10-01"))
        self.check_accessibility()
        rows = self.browser.find_elements(By.CSS_SELECTOR, "main table tbody tr")
        self.assertEqual(len(rows), 1, [row.text for row in rows])
        self.assertIn("11. Oktober 2012", rows[0].text)

        rows[0].find_element(By.TAG_NAME, "a").click()
        WebDriverWait(self.browser, 10).until(expected_conditions.url_contains("/meetings/kennenlernen-2012"))
        self.check_accessibility()
        body = self.browser.find_element(By.TAG_NAME, "main").text
        self.assertIn("Donnerstag, 11. Oktober 2012", body)
        self.screenshot("1-meeting")
        self.assertIn("Karin Bartholomäus", body)
        self.assertIn("Landkreis Sigmaringen", body)

        # The attendance list as PDF, downloaded by the browser with the session cookie.
        self.browser.find_element(By.PARTIAL_LINK_TEXT, "Teilnehmerliste (PDF)").click()
        deadline = time.time() + 20
        pdfs = []
        while time.time() < deadline:
            pdfs = [p for p in self.downloads.iterdir() if p.suffix == ".pdf"]
            if pdfs and not any(p.suffix == ".crdownload" for p in self.downloads.iterdir()):
                break
            time.sleep(0.2)
        self.assertEqual(len(pdfs), 1, list(self.downloads.iterdir()))
        self.assertTrue(pdfs[0].read_bytes().startswith(b"%PDF-"))

        # The attendance list as HTML is a page of its own, shown in the browser: axe too.
        self.open("/meetings/kennenlernen-2012/attendance.html")
        self.assertIn("25 Personen", self.browser.find_element(By.TAG_NAME, "body").text)
        self.open("/meetings/kennenlernen-2012")

        # Frank Veser called to say he cannot come: written down on the meeting's page.
        Select(self.browser.find_element(By.ID, "answer-person")).select_by_visible_text("Frank Veser")
        Select(self.browser.find_element(By.ID, "answer-answer")).select_by_visible_text("abgesagt")
        self.browser.find_element(By.ID, "answer-comment").send_keys("am Telefon: krank")
        self.browser.find_element(By.CSS_SELECTOR, "form[action$='/answers'] button[type=submit]").click()
        self.wait_for_text((By.TAG_NAME, "main"), "eingetragen von karin")
        row = self.browser.find_element(By.XPATH, "//tr[td[normalize-space()='Frank Veser']]")
        self.assertIn("abgesagt", row.text)
        self.assertIn("am Telefon: krank (eingetragen von karin)", row.text)
        self.check_accessibility()

        # Switch to English and back: the choice is remembered across pages.
        self.browser.find_element(By.LINK_TEXT, "English").click()
        self.wait_for_text((By.TAG_NAME, "nav"), "Meetings")
        self.check_accessibility()
        self.open("/meetings?from=2012-01-01")
        self.assertEqual(self.heading(), "Meetings")
        self.browser.find_element(By.LINK_TEXT, "Deutsch").click()
        self.wait_for_text((By.TAG_NAME, "h1"), "Treffen")

        for path in ("/conflicts?from=2013-01-01&to=2013-12-31", "/people", "/organisations", "/venues", "/counties",
                     "/people/new", "/people/gerda-straub/edit", "/organisations/ks-bodenseekreis/edit",
                     "/venues/rathaus-immenstaad/edit"):
            self.open(path)
            self.assertNotEqual(self.heading(), "Kein Zugriff", path)

        # A series' page, and the page that says what was wrong with a request.
        self.open("/meetings/sprecherrat-2013")
        self.assertIn("FREQ=MONTHLY", self.browser.find_element(By.TAG_NAME, "main").text)
        self.open("/conflicts?from=11.10.2012")
        self.assertEqual(self.heading(), "Ungültige Anfrage")

        self.browser.find_element(By.CSS_SELECTOR, "form.logout button[type=submit]").click()
        WebDriverWait(self.browser, 10).until(expected_conditions.url_contains("/login"))
        self.check_accessibility()
        self.open("/meetings/kennenlernen-2012")
        self.assertIn("/login", self.browser.current_url)

    def test_organiser_makes_a_meeting_in_the_form_and_saves_it_despite_a_conflict(self):
        self.log_in("karin", ORGANISER_PASSWORD)
        self.browser.find_element(By.LINK_TEXT, "Neues Treffen").click()
        WebDriverWait(self.browser, 10).until(expected_conditions.url_contains("/new-meeting"))
        self.check_accessibility()
        find = self.browser.find_element
        find(By.ID, "field-id").send_keys("austausch-2013-03")
        find(By.ID, "field-title").send_keys("Austausch Konstanz und Bodenseekreis")
        self.browser.execute_script(
            "arguments[0].value = '2013-03-12'; arguments[1].value = '10:00'; arguments[2].value = '11:00';"
            "arguments[3].value = '10:00'; arguments[4].value = '10:30';",
            find(By.ID, "field-day"), find(By.ID, "field-start"), find(By.ID, "field-end"),
            find(By.ID, "field-agenda-0-start"), find(By.ID, "field-agenda-0-end"))
        find(By.ID, "field-agenda-0-title").send_keys("Begrüßung")
        Select(find(By.ID, "field-venue")).select_by_value("rathaus-immenstaad")
        find(By.ID, "county-konstanz").click()
        find(By.CSS_SELECTOR, "button[value=check]").click()
        # Karin is of the Sprecherrat; her account is the contact point's, whose person
        # must be among the organisers: said beside the people.
        WebDriverWait(self.browser, 10).until(expected_conditions.presence_of_element_located((By.ID, "problem-people")))
        self.check_accessibility()

        find(By.XPATH, "//summary[contains(., 'Kontakt- und Informationsstelle')]").click()
        find(By.ID, "organiser-christine-ludwig").click()
        find(By.XPATH, "//summary[normalize-space()='Landratsamt Konstanz']").click()
        Select(find(By.ID, "role-axel-gossner")).select_by_value("required")
        find(By.CSS_SELECTOR, "button[value=check]").click()
        WebDriverWait(self.browser, 10).until(expected_conditions.presence_of_element_located((By.ID, "preview")))
        self.check_accessibility()
        self.browser.execute_script("arguments[0].scrollIntoView()", find(By.ID, "preview"))
        self.screenshot("2-meeting-form-preview")
        preview = find(By.CSS_SELECTOR, "section.preview").text
        self.assertIn("sprecherrat-2013@2013-03-12", preview)  # Christine Ludwig is at the Sprecherrat then
        self.assertIn("Es wurde noch keine Einladung verschickt", preview)

        find(By.CSS_SELECTOR, "button[value=save]").click()
        self.wait_for_text((By.CSS_SELECTOR, "section.preview"), "nur gespeichert")
        find(By.ID, "accept-errors").click()
        find(By.CSS_SELECTOR, "button[value=save]").click()
        WebDriverWait(self.browser, 10).until(expected_conditions.url_contains("/meetings/austausch-2013-03"))
        self.check_accessibility()
        self.assertEqual(self.heading(), "Austausch Konstanz und Bodenseekreis")
        main = find(By.TAG_NAME, "main").text
        self.assertIn("Axel Goßner", main)
        self.assertIn("Begrüßung", main)

    def test_organiser_finds_a_time_and_a_place_and_schedules_there(self):
        self.log_in("karin", ORGANISER_PASSWORD)
        self.browser.find_element(By.LINK_TEXT, "Zeit und Ort finden").click()
        WebDriverWait(self.browser, 10).until(expected_conditions.url_contains("/find-slot"))
        self.check_accessibility()
        find = self.browser.find_element
        find(By.ID, "county-sigmaringen").click()
        find(By.XPATH, "//button[@value='venues']").click()  # shows Sigmaringen's people too
        WebDriverWait(self.browser, 10).until(expected_conditions.url_contains("action=venues"))
        find(By.XPATH, "//summary[normalize-space()='Landratsamt Sigmaringen']").click()
        Select(find(By.ID, "need-frank-veser")).select_by_value("required")
        find(By.XPATH, "//summary[contains(., 'Kontakt- und Informationsstelle')]").click()
        Select(find(By.ID, "need-christine-ludwig")).select_by_value("required")
        find(By.XPATH, "//button[@value='venues']").click()
        WebDriverWait(self.browser, 10).until(expected_conditions.presence_of_element_located((By.ID, "results")))
        self.check_accessibility()
        self.assertEqual(len(self.browser.find_elements(By.CSS_SELECTOR, "svg[role=img]")), 5)
        self.browser.execute_script("arguments[0].scrollIntoView()", find(By.ID, "results"))
        self.screenshot("4-venues")

        self.browser.execute_script("arguments[0].value = '2013-06-03'; arguments[1].value = '2013-06-07';",
                                    find(By.ID, "slot-from"), find(By.ID, "slot-to"))
        find(By.XPATH, "//button[@value='slots']").click()
        self.wait_for_text((By.ID, "results"), "Vorschläge")
        self.check_accessibility()
        self.browser.execute_script("arguments[0].scrollIntoView()", find(By.ID, "results"))
        self.screenshot("3-find-slot")
        find(By.LINK_TEXT, "Hier vorläufig planen").click()
        WebDriverWait(self.browser, 10).until(expected_conditions.url_contains("/new-meeting?day=2013-06-03"))
        self.check_accessibility()
        find(By.ID, "field-id").send_keys("abstimmung-2013-06")
        find(By.ID, "field-title").send_keys("Abstimmung Sigmaringen und Bodenseekreis")
        find(By.ID, "organiser-christine-ludwig").click()
        find(By.CSS_SELECTOR, "button[value=check]").click()
        WebDriverWait(self.browser, 10).until(expected_conditions.presence_of_element_located((By.ID, "preview")))
        self.check_accessibility()
        find(By.CSS_SELECTOR, "button[value=save]").click()
        WebDriverWait(self.browser, 10).until(expected_conditions.url_contains("/meetings/abstimmung-2013-06"))
        facts = find(By.TAG_NAME, "main").text
        self.assertIn("vorläufig", facts)
        self.assertIn("Montag, 3. Juni 2013", facts)

    def test_staff_check_in_on_a_tablet_and_see_the_figures(self):
        self.browser.set_window_size(800, 1280)  # a tablet, upright
        try:
            self.log_in("konstanz", STAFF_PASSWORD)
            self.open("/meetings/kennenlernen-2012")
            self.browser.find_element(By.PARTIAL_LINK_TEXT, "Einlass").click()
            WebDriverWait(self.browser, 10).until(expected_conditions.url_contains("/check-in"))
            self.check_accessibility()
            self.assertTrue(self.heading().startswith("Einlass: Gedanken- und Erfahrungsaustausch"), self.heading())
            tally = self.browser.find_element(By.CSS_SELECTOR, "p.tally")
            self.assertIn("0 von 25 anwesend", tally.text)
            # Nothing wider than the tablet: no scrolling sideways at the door (the list
            # of organisations once was).
            self.assertEqual(self.browser.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth"), 0)

            # A tap on "Anwesend" in Axel Gossner's row; the page comes back at his row.
            row = self.browser.find_element(By.ID, "person-axel-gossner")
            button = row.find_element(By.CSS_SELECTOR, "button[value=present]")
            self.assertGreaterEqual(button.size["height"], 44, "a touch target of at least 44 px")
            self.assertGreaterEqual(button.size["width"], 44)
            button.click()
            self.wait_for_text((By.CSS_SELECTOR, "p.tally"), "1 von 25 anwesend")
            self.assertTrue(self.browser.current_url.endswith("#person-axel-gossner"), self.browser.current_url)
            row = self.browser.find_element(By.ID, "person-axel-gossner")
            self.assertEqual(row.find_element(By.CSS_SELECTOR, "button[value=present]").get_attribute("aria-pressed"),
                             "true")
            self.check_accessibility()

            # Someone came who was not invited and is not in the planner: added at the door.
            self.browser.find_element(By.ID, "walk-in-name").send_keys("Jürgen Weiß")
            Select(self.browser.find_element(By.ID, "walk-in-organisation")).select_by_value("bi-nachbarschaftshilfe-singen")
            self.browser.find_element(By.ID, "walk-in-email").send_keys("j.weiss@example.org")
            self.browser.find_element(By.CSS_SELECTOR, "form[action$='/walk-ins'] button[type=submit]").click()
            self.wait_for_text((By.CSS_SELECTOR, "p.tally"), "1 ohne Einladung")
            self.assertIn("Jürgen Weiß", self.browser.find_element(By.ID, "person-juergen-weiss").text)
            self.check_accessibility()
            self.browser.execute_script("window.scrollTo(0, 0)")
            self.screenshot("5-check-in-tablet")

            # The year's figures count them; the CSV is for German Excel.
            self.browser.find_element(By.LINK_TEXT, "Statistik").click()
            WebDriverWait(self.browser, 10).until(expected_conditions.url_contains("/statistics"))
            self.check_accessibility()
            year = self.browser.find_element(By.ID, "filter-year")
            year.clear()
            year.send_keys("2012")
            self.browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
            WebDriverWait(self.browser, 10).until(expected_conditions.url_contains("year=2012"))
            self.check_accessibility()
            total = self.browser.find_element(By.XPATH, "(//table[@class='figures'])[1]//tr[th[normalize-space()='Gesamt']]")
            self.assertEqual(total.text.split(), ["Gesamt", "1", "25", "0", "1", "1", "4", "%"])
            self.screenshot("6-statistics")
            self.browser.find_element(By.PARTIAL_LINK_TEXT, "CSV").click()
            deadline = time.time() + 20
            csvs = []
            while time.time() < deadline:
                csvs = [p for p in self.downloads.iterdir() if p.name.startswith("statistik-2012")]
                if csvs and csvs[0].suffix == ".csv":
                    break
                time.sleep(0.2)
            self.assertEqual([p.name for p in csvs], ["statistik-2012.csv"])
            content = csvs[0].read_bytes().decode("utf-8")
            self.assertTrue(content.startswith("\ufeffAufteilung;Gruppe;"), content[:80])
            self.assertIn("\r\nGesamt;alle;1;25;0;1;1;4,0\r\n", content)
        finally:
            self.browser.set_window_size(1280, 1024)

    def test_organiser_sends_the_invitations_with_one_button_and_sees_them_sent(self):
        self.log_in("karin", ORGANISER_PASSWORD)
        self.open("/meetings/kennenlernen-2012")
        self.browser.find_element(By.XPATH, "//form[contains(@action, '/send')]//button").click()
        WebDriverWait(self.browser, 10).until(expected_conditions.url_contains("queued="))
        self.check_accessibility()
        self.assertIn("Eingereiht: 25.", self.browser.find_element(By.ID, "mail").find_element(
            By.XPATH, "following-sibling::p[@role='status']").text)
        # The worker sends them within seconds; the meeting page says so per person.
        deadline = time.time() + 30
        while time.time() < deadline and len(self.smtp.messages) < 25:
            time.sleep(0.2)
        self.assertEqual(len(self.smtp.messages), 25)
        self.browser.refresh()
        self.wait_for_text((By.ID, "mail"), "Versand")
        states = [cell.text for cell in self.browser.find_elements(By.XPATH, "//h2[@id='mail']/following-sibling::table[1]//td[4]")]
        self.assertEqual(len(states), 25)
        deadline = time.time() + 10
        while set(states) != {"gesendet"} and time.time() < deadline:
            time.sleep(0.5)
            self.browser.refresh()
            states = [cell.text for cell in self.browser.find_elements(By.XPATH, "//h2[@id='mail']/following-sibling::table[1]//td[4]")]
        self.assertEqual(set(states), {"gesendet"})
        self.check_accessibility()
        sender, recipients, data = self.smtp.messages[0]
        self.assertEqual(sender, SERVICE_ADDRESS)
        self.assertEqual(len(recipients), 1)
        self.assertIn("Reply-To: ", data)
        self.assertIn("<karin.bartholomaeus@example.org>", data)

    def test_organiser_uploads_a_meeting_file_sees_each_change_and_imports_it(self):
        # The meeting's file as the command line writes it, edited: a longer title, and a
        # new member of the contact point.
        meeting_file = planner(self.store, "export", "projekt-2013").stdout
        old_title = 'title = "Auftakttreffen landkreisübergreifendes Projekt der Selbsthilfegruppen"'
        self.assertIn(old_title, meeting_file)
        meeting_file = meeting_file.replace(old_title, old_title[:-1] + ' am Bodensee"', 1)
        meeting_file += ('\n[[person]]\nid = "nele-neu"\nname = "Nele Neu"\nemail = "nele@example.org"\n'
                         'organisation = "ks-bodenseekreis"\n')
        upload = self.work / "projekt-2013.toml"
        upload.write_text(meeting_file, encoding="utf-8")

        self.log_in("karin", ORGANISER_PASSWORD)
        self.browser.find_element(By.LINK_TEXT, "Treffen-Dateien").click()
        WebDriverWait(self.browser, 10).until(expected_conditions.url_contains("/meeting-files"))
        self.check_accessibility()
        self.browser.find_element(By.ID, "field-file").send_keys(str(upload))
        self.browser.find_element(By.CSS_SELECTOR, "form[action='/meeting-files'] button[type=submit]").click()
        self.wait_for_text((By.TAG_NAME, "h1"), "Was projekt-2013.toml ändert")
        self.check_accessibility()
        self.screenshot("7-meeting-file-preview")
        rows = {row.find_elements(By.TAG_NAME, "td")[1].text: row.text
                for row in self.browser.find_elements(By.CSS_SELECTOR, "main table tbody tr")}
        self.assertEqual(set(rows), {"nele-neu", "projekt-2013"}, rows)
        self.assertIn("neu", rows["nele-neu"])
        self.assertIn("am Bodensee", rows["projekt-2013"])
        self.assertIn("bisher", rows["projekt-2013"])
        # Nothing is written before the organiser says so.
        self.assertNotIn("am Bodensee", planner(self.store, "export", "projekt-2013").stdout)

        self.browser.find_element(By.CSS_SELECTOR, "#import-form button[type=submit]").click()
        WebDriverWait(self.browser, 10).until(expected_conditions.url_contains("added="))
        self.check_accessibility()
        self.assertIn("Übernommen: 1 neu, 1 geändert", self.browser.find_element(By.CSS_SELECTOR, "[role=status]").text)
        self.assertIn("am Bodensee", planner(self.store, "export", "projekt-2013").stdout)

    def mail_text_to(self, address, subject_part):
        """The text part of the newest mail to `address` whose subject holds `subject_part`,
        as a mail program shows it."""
        for _, recipients, data in reversed(self.smtp.messages):
            message = email.message_from_string(data, policy=email.policy.default)
            if address in recipients and subject_part in message["Subject"]:
                return message.get_body(preferencelist=("plain",)).get_content()
        return None

    def link_in_mail_to(self, address, subject_part, kind):
        """The person's own link (`kind` "a" to answer, "p" for a poll) in the newest mail to
        them whose subject holds `subject_part`, waited for as the outbox sends it."""
        deadline = time.time() + 30
        text = None
        while time.time() < deadline and text is None:
            text = self.mail_text_to(address, subject_part)
            time.sleep(0.2)
        self.assertIsNotNone(text, f"no mail about {subject_part} reached {address}")
        found = re.search(rf"(http://127\.0\.0\.1:\d+/{kind}/[A-Za-z0-9_-]{{43}})", text)
        self.assertIsNotNone(found, text)
        return found.group(1)

    def answer_link_in_mail_to(self, address):
        return self.link_in_mail_to(address, "Austausch 2031", "a")

    def test_participant_answers_by_the_link_in_the_mail_and_sees_nobody_else(self):
        planner(self.store, "import", str(COMING))
        self.log_in("karin", ORGANISER_PASSWORD)
        self.open("/meetings/austausch-2031")
        self.assertIn("Teilnehmende sehen einander", self.browser.find_element(By.TAG_NAME, "main").text)
        self.browser.find_element(By.XPATH, "//form[contains(@action, '/send')]//button").click()
        WebDriverWait(self.browser, 10).until(expected_conditions.url_contains("queued="))
        gerdas_link = self.answer_link_in_mail_to("gerda.straub@example.org")
        wolfgangs_link = self.answer_link_in_mail_to("wolfgang.maier@example.org")

        # Gerda has no account: the link alone opens her page, without the token in the address.
        self.browser.delete_all_cookies()
        self.browser.get(gerdas_link)
        WebDriverWait(self.browser, 10).until(expected_conditions.url_contains("/reply/austausch-2031"))
        self.assertNotIn("/a/", self.browser.current_url)
        self.check_accessibility()
        self.assertEqual(self.heading(), "Ihre Antwort")
        page = self.browser.find_element(By.TAG_NAME, "main").text
        self.assertIn("Antwort von Gerda Straub", page)
        self.assertIn("Sie haben noch nicht geantwortet.", page)
        self.assertNotIn("Wolfgang", self.browser.page_source)
        self.browser.find_element(By.ID, "answer-accepted").click()
        self.browser.find_element(By.ID, "comment").send_keys("Ich bringe die Protokolle mit")
        self.browser.find_element(By.XPATH, "//form[contains(@action, '/reply/') and not(contains(@action, '/feed'))]//button").click()
        WebDriverWait(self.browser, 10).until(expected_conditions.url_contains("saved=1"))
        self.check_accessibility()
        self.assertIn("Ihre Antwort bisher: zugesagt", self.browser.find_element(By.TAG_NAME, "main").text)
        self.screenshot("8-answer-by-link")
        # She changes her mind.
        self.browser.find_element(By.ID, "answer-declined").click()
        self.browser.find_element(By.XPATH, "//form[contains(@action, '/reply/') and not(contains(@action, '/feed'))]//button").click()
        self.wait_for_text((By.TAG_NAME, "main"), "Ihre Antwort bisher: abgesagt")
        # And keeps her meetings in her calendar by a feed of her own.
        self.browser.find_element(By.XPATH, "//form[contains(@action, '/feed')]//button[@value='renew']").click()
        self.wait_for_text((By.TAG_NAME, "main"), "Ihre Abo-Adresse")
        self.check_accessibility()
        feed = self.browser.find_element(By.CSS_SELECTOR, "code.secret").text
        self.assertRegex(feed, r"^http://127\.0\.0\.1:\d+/feeds/[A-Za-z0-9_-]{43}\.ics$")
        self.assertIn("BEGIN:VCALENDAR", urllib.request.urlopen(feed, timeout=10).read().decode())

        # Wolfgang's page names nobody but him and the organiser either.
        self.browser.delete_all_cookies()
        self.browser.get(wolfgangs_link)
        WebDriverWait(self.browser, 10).until(expected_conditions.url_contains("/reply/austausch-2031"))
        self.check_accessibility()
        self.assertIn("Antwort von Wolfgang Maier", self.browser.find_element(By.TAG_NAME, "main").text)
        self.assertNotIn("Gerda", self.browser.page_source)

        # The organiser sees Gerda's answer as any other.
        self.browser.delete_all_cookies()
        self.log_in("karin", ORGANISER_PASSWORD)
        self.open("/meetings/austausch-2031")
        row = self.browser.find_element(By.XPATH, "//tr[td[contains(., 'Gerda Straub')]]").text
        self.assertIn("abgesagt", row)

    def poll_link_in_mail_to(self, address):
        return self.link_in_mail_to(address, "Terminumfrage: Vorbereitung 2031", "p")

    def vote(self, choices):
        """Chooses yes, if_need_be or no for each time, in order, and sends them."""
        for number, choice in enumerate(choices):
            self.browser.find_element(By.ID, f"vote-{number}-{choice}").click()
        self.browser.find_element(By.XPATH, "//form[contains(@action, '/vote/')]//button[@type='submit']").click()
        WebDriverWait(self.browser, 10).until(expected_conditions.url_contains("saved=1"))
        self.check_accessibility()

    def test_participants_vote_in_a_date_poll_and_the_organiser_confirms_a_time(self):
        planner(self.store, "import", str(COMING))
        planner(self.store, "import", str(POLL))
        self.log_in("karin", ORGANISER_PASSWORD)
        self.open("/meetings/vorbereitung-2031")
        self.browser.find_element(By.LINK_TEXT, "Zur Terminumfrage").click()
        WebDriverWait(self.browser, 10).until(expected_conditions.url_contains("/poll"))
        self.check_accessibility()
        self.browser.find_element(By.ID, "poll-times").send_keys("2031-05-06 10:00\n13.05.2031 10:00\n2031-05-20 10:00")
        self.browser.find_element(By.XPATH, "//form[@method='post' and contains(@action, '/poll')]//button").click()
        WebDriverWait(self.browser, 10).until(expected_conditions.url_contains("created=4"))
        self.check_accessibility()
        self.assertIn("Hanna Post (Ohne E-Mail-Adresse", self.browser.find_element(By.TAG_NAME, "main").text)
        gerdas_link = self.poll_link_in_mail_to("gerda.straub@example.org")
        franks_link = self.poll_link_in_mail_to("frank.veser@sigmaringen.example.org")

        # Gerda votes with nothing but the link, and sees no other invitee's name.
        self.browser.delete_all_cookies()
        self.browser.get(gerdas_link)
        WebDriverWait(self.browser, 10).until(expected_conditions.url_contains("/vote/vorbereitung-2031"))
        self.assertNotIn("/p/", self.browser.current_url)
        self.check_accessibility()
        self.assertEqual(self.heading(), "Terminumfrage")
        for other in ("Wolfgang", "Hanna", "Frank"):
            self.assertNotIn(other, self.browser.page_source)
        self.vote(["yes", "no", "if_need_be"])
        self.screenshot("9-date-poll")
        # She changes her mind about the second time.
        self.browser.find_element(By.ID, "vote-1-if_need_be").click()
        self.browser.find_element(By.XPATH, "//form[contains(@action, '/vote/')]//button[@type='submit']").click()
        self.wait_for_text((By.TAG_NAME, "main"), "Ihre Antworten sind gespeichert.")
        self.assertTrue(self.browser.find_element(By.ID, "vote-1-if_need_be").is_selected())
        self.browser.delete_all_cookies()
        self.browser.get(franks_link)
        WebDriverWait(self.browser, 10).until(expected_conditions.url_contains("/vote/vorbereitung-2031"))
        self.assertIn("Bisher: 1 ja, 0 wenn nötig, 0 nein", self.browser.find_element(By.TAG_NAME, "main").text)
        self.assertNotIn("Gerda", self.browser.page_source)
        self.vote(["yes", "yes", "no"])

        # The organiser sees the table and confirms the first time: the invitations go out.
        self.browser.delete_all_cookies()
        self.log_in("karin", ORGANISER_PASSWORD)
        self.open("/meetings/vorbereitung-2031/poll")
        first = self.browser.find_element(By.XPATH, "//tbody/tr[1]").text
        self.assertIn("2 ja, 0 wenn nötig, 0 nein", first)
        self.browser.find_element(By.XPATH, "//tbody/tr[1]//form[contains(@action, '/confirm')]//button").click()
        WebDriverWait(self.browser, 10).until(expected_conditions.url_contains("confirmed=1"))
        self.check_accessibility()
        self.assertIn("Der Termin ist festgelegt", self.browser.find_element(By.TAG_NAME, "main").text)
        deadline = time.time() + 30
        invitation = None
        while time.time() < deadline and invitation is None:
            invitation = self.mail_text_to("gerda.straub@example.org", "Einladung: Vorbereitung 2031")
            time.sleep(0.2)
        self.assertIsNotNone(invitation, "the invitation did not reach Gerda")
        self.assertIn("6. Mai 2031", invitation)
        self.assertNotIn("Wolfgang", invitation)
        self.assertIn("confirmed", planner(self.store, "show", "vorbereitung-2031").stdout)

    def test_wrong_password_is_said_and_accessible(self):
        self.open("/login")
        self.browser.find_element(By.ID, "login").send_keys("karin")
        self.browser.find_element(By.ID, "password").send_keys("falsch-falsch-falsch")
        self.browser.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]").click()
        WebDriverWait(self.browser, 10).until(expected_conditions.presence_of_element_located((By.ID, "login-problem")))
        self.check_accessibility()
        self.assertIn("falsch", self.browser.find_element(By.ID, "login-problem").text)

    def test_staff_cannot_reach_what_is_not_theirs(self):
        self.log_in("konstanz", STAFF_PASSWORD)
        self.open("/meetings?from=2012-01-01&to=2013-12-31")
        listed = self.browser.find_element(By.TAG_NAME, "main").text
        self.assertIn("Gedanken- und Erfahrungsaustausch", listed)
        self.assertNotIn("Sprecherrat", listed)
        self.open("/meetings/sprecherrat-2013")
        self.assertEqual(self.heading(), "Nicht gefunden")  # as if there were none
        self.assertNotIn("Hildegard", self.browser.page_source)
        self.open("/people")
        self.assertEqual(self.heading(), "Kein Zugriff")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: browser_test.py PLANNER_BINARY EXAMPLES_DIR")
    PLANNER, EXAMPLES = sys.argv[1], sys.argv[2]
    del sys.argv[1:3]
    unittest.main(verbosity=2)
