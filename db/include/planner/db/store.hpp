#pragma once

#include <planner/db/meeting_file.hpp>
#include <planner/directory.hpp>

#include <filesystem>
#include <memory>
#include <string>

namespace planner::db {

enum class OpenMode { create_if_missing, must_exist };

// How an import changed one kind of record.
struct ImportCount {
    int added = 0;
    int updated = 0;
    int unchanged = 0;

    friend bool operator==(const ImportCount&, const ImportCount&) = default;
};

struct ImportReport {
    ImportCount counties;
    ImportCount organisations;
    ImportCount people;
    ImportCount venues;
    ImportCount meetings;

    friend bool operator==(const ImportReport&, const ImportReport&) = default;
};

// The planner's SQLite store. Opening migrates the schema to the current version
// (PRAGMA user_version), turns foreign keys on, and for files uses WAL with a busy
// timeout. A new store file is readable and writable by its owner only.
class Store {
public:
    Store(const std::filesystem::path& file, OpenMode mode);
    // A private store in memory, for tests and dry runs.
    [[nodiscard]] static Store in_memory();

    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;
    ~Store();

    [[nodiscard]] int schema_version() const;
    [[nodiscard]] Directory load() const;

    // Adds or updates the file's records, matched by id, in one transaction: on any
    // error nothing is written. A new meeting without a UID gets a fresh one.
    ImportReport import(const MeetingFile& file);
    // The same, for a caller who has just loaded the store (to read the file against
    // it) and so saves a second load: `stored` must be what load() returned.
    ImportReport import(const MeetingFile& file, const Directory& stored);

    // Writes a changed meeting (a new time, venue or agenda) over the stored one, in one
    // transaction. Throws planner::NotFound for a meeting the store does not have.
    void update(const Meeting& meeting);

private:
    struct Connection;
    explicit Store(std::unique_ptr<Connection> connection);
    std::unique_ptr<Connection> connection_;
};

// A new random UID for an iCalendar object (a version 4 UUID).
[[nodiscard]] std::string new_uid();

}  // namespace planner::db
