#!/bin/bash
# The README's first command: installs what is needed, builds, and runs the main job
# on the Immenstaad example, leaving the store, the invitation, the mails and the
# attendance lists in out/.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPLANNER_WARNINGS_AS_ERRORS=ON
cmake --build build -j"$(nproc)"

mkdir -p out
rm -rf out/immenstaad.db out/immenstaad.db-wal out/immenstaad.db-shm out/mail out/invitations
planner() {
  echo "\$ planner --db out/immenstaad.db $*"
  build/cli/planner --db out/immenstaad.db "$@"
  echo
}
planner import examples/immenstaad-2012.toml
# An organiser account for planner serve: Christine Ludwig of the Bodenseekreis contact
# point, who organised the meeting. Its password is made and printed this once.
planner user add christine.ludwig --role organiser --organisation ks-bodenseekreis --person christine-ludwig
planner show kennenlernen-2012
planner check
planner invite kennenlernen-2012 -o out/kennenlernen-2012.ics
# Leaders of self-help groups are invited, so the participants do not see each other:
# each gets a copy of their own (as a calendar and as a mail), naming the organisers
# and them alone.
planner invite kennenlernen-2012 --per-attendee out/invitations --mail out/mail
# Frank Veser accepts in his calendar client (here ical.js, Thunderbird's parser).
node tests/interop/answer_icaljs.mjs out/invitations/frank-veser.ics frank.veser@sigmaringen.example.org ACCEPTED \
  --comment "Ich komme gern." >out/antwort-frank-veser.ics
planner replies import out/antwort-frank-veser.ics
planner attendance kennenlernen-2012 --format pdf --group-by county -o out/teilnehmerliste.pdf
planner attendance kennenlernen-2012 --format html -o out/teilnehmerliste.html
planner attendance kennenlernen-2012 --format text -o out/teilnehmerliste.txt
planner attendance kennenlernen-2012 --format csv -o out/teilnehmerliste.csv
# After the meeting: who came, and the year's figures per county.
planner attend kennenlernen-2012 karin-bartholomaeus christine-ludwig andreas-koester axel-gossner frank-veser \
  knut-immeke ulrike-haller monika-reiser birgit-kessler hildegard-baur gerda-straub peter-jehle
planner attend kennenlernen-2012 wolfgang-maier --excused
planner stats --from 2012-01-01 --to 2012-12-31
# The 2013 follow-up: when and where can the people of the project meet?
planner find-slot --required karin-bartholomaeus,christine-ludwig,knut-immeke,andreas-koester,gerda-straub,renate-fischer \
  --optional axel-gossner,frank-veser --duration 3h --from 2013-01-07 --to 2013-03-29 --any-venue --count 3
planner suggest-venue --required karin-bartholomaeus,knut-immeke,andreas-koester,frank-veser,axel-gossner --count 3
