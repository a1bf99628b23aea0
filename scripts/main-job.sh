#!/bin/bash
# The main job on the Immenstaad example, as the README's quick start runs it: the store,
# the invitations, the mails, an answer read back and the attendance lists, in OUT.
# Run by scripts/quickstart.sh after the build, and by ctest (quickstart-job), so that
# the quick start cannot break unseen.
#   scripts/main-job.sh [PLANNER] [OUT]      (default build/cli/planner and out; OUT is
#                                            taken from the repository's folder)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
binary="$(realpath "${1:-$repo/build/cli/planner}")"
out="${2:-out}"
cd "$repo"

mkdir -p "$out"
rm -rf "$out"/immenstaad.db "$out"/immenstaad.db-wal "$out"/immenstaad.db-shm "$out"/mail "$out"/invitations
planner() {
  echo "\$ planner --db $out/immenstaad.db $*"
  "$binary" --db "$out"/immenstaad.db "$@"
  echo
}
planner import examples/immenstaad-2012.toml
# An organiser account for planner serve: Christine Ludwig of the Bodenseekreis contact
# point, who organised the meeting. Its password is made and printed this once.
planner user add christine.ludwig --role organiser --organisation ks-bodenseekreis --person christine-ludwig
planner show kennenlernen-2012
planner check
planner invite kennenlernen-2012 -o "$out"/kennenlernen-2012.ics
# Leaders of self-help groups are invited, so the participants do not see each other:
# each gets a copy of their own (as a calendar and as a mail), naming the organisers
# and them alone.
planner invite kennenlernen-2012 --per-attendee "$out"/invitations --mail "$out"/mail
# Frank Veser accepts in his calendar client (here ical.js, Thunderbird's parser).
node tests/interop/answer_icaljs.mjs "$out"/invitations/frank-veser.ics frank.veser@sigmaringen.example.org ACCEPTED \
  --comment "Ich komme gern." >"$out"/antwort-frank-veser.ics
planner replies import "$out"/antwort-frank-veser.ics
planner attendance kennenlernen-2012 --format pdf --group-by county -o "$out"/teilnehmerliste.pdf
planner attendance kennenlernen-2012 --format html -o "$out"/teilnehmerliste.html
planner attendance kennenlernen-2012 --format text -o "$out"/teilnehmerliste.txt
planner attendance kennenlernen-2012 --format csv -o "$out"/teilnehmerliste.csv
# After the meeting: who came, and the year's figures per county.
planner attend kennenlernen-2012 karin-bartholomaeus christine-ludwig andreas-koester axel-gossner frank-veser \
  knut-immeke ulrike-haller monika-reiser birgit-kessler hildegard-baur gerda-straub peter-jehle
planner attend kennenlernen-2012 wolfgang-maier --excused
planner stats --from 2012-01-01 --to 2012-12-31
# The 2013 follow-up: when and where can the people of the project meet?
planner find-slot --required karin-bartholomaeus,christine-ludwig,knut-immeke,andreas-koester,gerda-straub,renate-fischer \
  --optional axel-gossner,frank-veser --duration 3h --from 2013-01-07 --to 2013-03-29 --any-venue --count 3
planner suggest-venue --required karin-bartholomaeus,knut-immeke,andreas-koester,frank-veser,axel-gossner --count 3
