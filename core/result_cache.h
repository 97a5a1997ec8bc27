// The result cache: what a run found in a file, remembered so that the next run over an
// unchanged file does not parse it again (like ruff's cache). It lives in the project
// (`.anymig_cache/`). An entry is found only under exactly the same
//   - tool version and build (the executable's size and modification time),
//   - packs and rules compiled in, rule selection, settings and flags (the configuration),
//     run mode and round limit,
//   - file path and file content, and the content of the context files the front end names
//     (e.g. a test-runner configuration in a directory above the file).
// Safety: entries are written through a temporary file and a rename, so a concurrent run sees
// either the old file or the new one; every entry carries a checksum and a damaged entry is
// ignored (the file is analysed again), never trusted. A cache that cannot be written is a
// warning, never an error.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/frontend.h"

namespace anymig {

struct FileOutcome;
struct RunOptions;

using CacheKey = std::array<std::uint64_t, 2>;  // XXH3-128

class ResultCache {
public:
    // `dir`: the cache directory (created on save); `toolVersion`: the tool's version string.
    ResultCache(std::string dir, std::string toolVersion);

    // The digest of everything but the file that decides an entry (computed once per run).
    std::string runKey(const RunOptions& options) const;
    // The remembered outcome of `path` with this `text` under `runKey`, if any; nullopt too when
    // the front end's results depend on more than the file and the context files it names.
    std::optional<FileOutcome> lookup(const Frontend& fe, const std::string& path, std::string_view text,
                                      const std::string& runKey);
    // Remembers an outcome (not a Changed one: its rewritten text is not kept).
    void store(const Frontend& fe, const std::string& path, std::string_view text, const std::string& runKey,
               const FileOutcome& outcome);
    // Writes what this run added, merged with what is on disk now. Returns "" or the reason.
    std::string save();

    std::size_t hits() const { return hits_; }
    std::size_t misses() const { return misses_; }
    const std::string& directory() const { return dir_; }

private:
    struct Entry {
        std::uint64_t pathHash = 0;
        std::string payload;  // serialised outcome
    };
    struct Shard {
        bool loaded = false;
        bool dirty = false;
        std::map<CacheKey, Entry> entries;
        std::map<std::uint64_t, CacheKey> current;  // path hash -> this run's key
    };
    Shard& shardFor(const std::string& runKey);  // under mutex_
    CacheKey entryKey(const Frontend& fe, const std::string& path, std::string_view text, const std::string& runKey);
    std::uint64_t directoryContext(const std::string& dir, const std::vector<std::string>& names);  // under mutex_
    std::string shardPath(const std::string& runKey) const;

    std::string dir_;
    std::string toolVersion_;
    std::string build_;  // the executable's size and modification time
    std::mutex mutex_;
    std::map<std::string, Shard> shards_;
    std::unordered_map<std::string, std::uint64_t> dirContext_;
    std::size_t hits_ = 0, misses_ = 0;
};

// Entry (de)serialisation, exposed for tests. decodeOutcome returns nullopt on any damage.
std::string encodeOutcome(const FileOutcome& outcome);
std::optional<FileOutcome> decodeOutcome(std::string_view payload, const std::string& path);

}  // namespace anymig
