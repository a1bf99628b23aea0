// What importing a meeting file would change, record by record, against the store: the
// preview the browser shows before an upload is imported.

#include <planner/services/meeting_file_import.hpp>

#include <planner/db/store.hpp>
#include <planner/error.hpp>

#include "run_planner.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace planner::services {
namespace {

const std::string immenstaad = std::string(PLANNER_EXAMPLES_DIR) + "/immenstaad-2012.toml";
const MeetingId kennenlernen("kennenlernen-2012");
using testing::replaced;

class ImportPreviewTest : public ::testing::Test {
protected:
    void SetUp() override { static_cast<void>(import_meeting_file(store, immenstaad)); }

    const PreviewedRecord& record(const ImportPreview& preview, RecordKind kind, const std::string& id)
    {
        const auto found = std::find_if(preview.records.begin(), preview.records.end(),
                                        [&](const auto& r) { return r.kind == kind && r.id == id; });
        if (found == preview.records.end()) {
            throw std::invalid_argument("no record " + id);
        }
        return *found;
    }

    db::Store store = db::Store::in_memory();
};

TEST_F(ImportPreviewTest, TheStoresOwnFileChangesNothing)
{
    const auto preview = preview_meeting_file(store, export_meeting_file(store), "planner.toml");
    EXPECT_FALSE(preview.records.empty());
    for (const auto& previewed : preview.records) {
        EXPECT_EQ(previewed.change, RecordChange::unchanged) << to_string(previewed.kind) << " " << previewed.id;
    }
}

TEST_F(ImportPreviewTest, AChangedAgendaItemIsNamedByItsNumberAndTheImportAgreesWithThePreview)
{
    auto file = export_meeting_file(store, {kennenlernen});
    file = replaced(file, "title = \"Erfahrungsaustausch in Kleingruppen\"", "title = \"Austausch in Gruppen\"");
    file = replaced(file, "\ndescription = \"", "\ndescription = \"Mit Kaffee. ");
    file += "\n[[person]]\nid = \"neu\"\nname = \"Neu\"\npostal_address = \"Weg 1\\n88090 Immenstaad\"\n"
            "organisation = \"ks-bodenseekreis\"\n";
    const auto preview = preview_meeting_file(store, file, "k.toml");

    const auto& meeting = record(preview, RecordKind::meeting, "kennenlernen-2012");
    EXPECT_EQ(meeting.change, RecordChange::updated);
    ASSERT_EQ(meeting.keys.size(), 2u);
    EXPECT_EQ(meeting.keys[0].key, "description");
    EXPECT_EQ(meeting.keys[0].after, "\"Mit Kaffee. " + meeting.keys[0].before.substr(1));
    EXPECT_EQ(meeting.keys[1],
              (KeyChange{"agenda 4 title", "\"Erfahrungsaustausch in Kleingruppen\"", "\"Austausch in Gruppen\""}));
    EXPECT_EQ(record(preview, RecordKind::person, "neu").change, RecordChange::added);
    EXPECT_EQ(record(preview, RecordKind::person, "christine-ludwig").change, RecordChange::unchanged);

    const auto before = export_meeting_file(store);
    rehearse_import(store, preview.file, preview.stored);
    EXPECT_EQ(export_meeting_file(store), before);

    const auto report = import_previewed(store, preview.file, preview.stored, {});
    EXPECT_EQ(report.meetings.updated, 1);
    EXPECT_EQ(report.people.added, 1);
    EXPECT_TRUE(store.meeting(kennenlernen)->description.starts_with("Mit Kaffee. "));
}

TEST_F(ImportPreviewTest, AMeetingChangedOutsideAFileIsChangedOnBothSidesAndOverwrittenOnlyWhenNamed)
{
    const auto file = replaced(export_meeting_file(store, {kennenlernen}), "status = \"confirmed\"", "status = \"tentative\"");
    const auto as_read = *store.meeting(kennenlernen);
    auto changed = as_read;
    changed.title = "Im Browser geändert";
    store.update(changed, as_read);

    const auto preview = preview_meeting_file(store, file, "k.toml");
    const auto& meeting = record(preview, RecordKind::meeting, "kennenlernen-2012");
    EXPECT_EQ(meeting.change, RecordChange::changed_on_both_sides);
    ASSERT_EQ(meeting.keys.size(), 2u);
    EXPECT_EQ(meeting.keys[0].key, "title");
    EXPECT_EQ(meeting.keys[1].key, "status");

    EXPECT_EQ(import_previewed(store, preview.file, preview.stored, {}).kept_changed, std::vector<MeetingId>{kennenlernen});
    EXPECT_EQ(store.meeting(kennenlernen)->status, MeetingStatus::confirmed);
    db::Store::ChangedMeetings overwrite;
    overwrite.overwritten.insert(kennenlernen);
    EXPECT_TRUE(import_previewed(store, preview.file, preview.stored, overwrite).kept_changed.empty());
    EXPECT_EQ(store.meeting(kennenlernen)->status, MeetingStatus::tentative);
    EXPECT_EQ(store.meeting(kennenlernen)->title, as_read.title);
}

TEST_F(ImportPreviewTest, ARehearsalThatFailsLeavesTheStoreAsItWas)
{
    const auto file = replaced(export_meeting_file(store, {kennenlernen}), "email = \"christine.ludwig@",
                               "postal_address = \"christine.ludwig@");
    const auto preview = preview_meeting_file(store, file, "k.toml");
    const auto before = export_meeting_file(store);
    EXPECT_THROW(rehearse_import(store, preview.file, preview.stored), db::OrganiserWithoutEmail);
    EXPECT_EQ(export_meeting_file(store), before);
    // And the store takes writes again afterwards: the rehearsal's transaction is over.
    const auto as_read = *store.meeting(kennenlernen);
    auto changed = as_read;
    changed.title = "Danach";
    store.update(changed, as_read);
    EXPECT_EQ(store.meeting(kennenlernen)->title, "Danach");
}

}  // namespace
}  // namespace planner::services
