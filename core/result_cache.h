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
//
// The run index (`<runKey>-<run>.idx`): a warm run with nothing changed neither reads nor hashes
// the files. It lists, for one run (the same options and the same list of files), each file's
// identity when it was read (device, inode, size, mtime and ctime in ns) with the key of its
// entry, and the identity (or absence) of every context file the keys read. When every file and
// context file still stats the same and every entry is in the shard, the run's outcomes are the
// entries; anything else (a changed or new file, a damaged or missing index or entry) is the
// ordinary run, which writes a new index. The content-keyed entries stay the source of truth:
// the index only says which entry each file had. A file modified less than a second before the
// run started is not indexed (its next change could keep the same mtime and size), and the
// index is written atomically, so a concurrent run reads the old index or the new one.
#pragma once
#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
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
    ~ResultCache();
    ResultCache(const ResultCache&) = delete;
    ResultCache& operator=(const ResultCache&) = delete;

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

    // A file's identity for the run index (see above); false when the file does not exist.
    struct StatId {
        std::uint64_t device = 0, inode = 0, size = 0;
        std::int64_t mtimeNs = 0, ctimeNs = 0;
        bool operator==(const StatId&) const = default;
    };
    static bool statOf(const std::string& path, StatId& out);
    // The outcomes of all `paths` (in order) when the run index says none of them and none of
    // their context files changed since the run that wrote it, and every entry is in the cache.
    std::optional<std::vector<FileOutcome>> lookupUnchanged(const std::vector<std::string>& paths,
                                                            const std::string& runIdentity, const std::string& runKey);
    // After an ordinary run: writes the run index when every file has an entry key from this run
    // and none was modified within a second of `startNs` (`read[i]`: the identity of paths[i]
    // taken before it was read; a file that was not read has none). Returns "" or the reason.
    std::string writeIndex(const std::vector<std::string>& paths, const std::vector<std::optional<StatId>>& read,
                           const std::string& runIdentity, const std::string& runKey, std::int64_t startNs);

    std::size_t hits() const { return hits_; }
    std::size_t misses() const { return misses_; }
    const std::string& directory() const { return dir_; }

private:
    struct Entry {
        std::uint64_t pathHash = 0;
        std::string_view payload;  // serialised outcome, in one of its shard's buffers or owned payloads
        std::int64_t spilledAt = -1;  // else: its offset in the spill file (`payload` gives only the size)
    };
    struct KeyHash {
        std::size_t operator()(const CacheKey& k) const { return static_cast<std::size_t>(k[0] ^ k[1]); }
    };
    // The shard file is read once into a buffer and indexed in place: an entry is a view of its
    // payload there (or in `owned`, for what this run stored when it could not spill it). Buffers
    // and owned payloads are never moved while the shard lives (a moved container keeps its
    // elements where they are).
    struct Shard {
        bool loaded = false;
        bool dirty = false;
        std::unordered_map<CacheKey, Entry, KeyHash> entries;
        std::map<std::uint64_t, CacheKey> current;  // path hash -> this run's key
        std::vector<std::unique_ptr<char[]>> buffers;
        std::deque<std::string> owned;
    };
    Shard& shardFor(const std::string& runKey);  // under mutex_
    // What this run stores goes to an unnamed file in the cache directory, not to memory: the
    // shard written at the end holds every file's payload, as large as the run's outcomes
    // themselves. False when it cannot (the payload is then kept in memory). Under mutex_.
    bool spill(std::string_view payload, std::int64_t& at);
    // An entry's payload: a view of it, or of `scratch` holding it read back from the spill
    // file; nullopt when that read fails. Under mutex_.
    std::optional<std::string_view> payloadOf(const Entry& e, std::string& scratch) const;
    CacheKey entryKey(const Frontend& fe, const std::string& path, std::string_view text, const std::string& runKey);
    std::uint64_t directoryContext(const std::string& dir, const std::vector<std::string>& names);  // under mutex_
    std::string shardPath(const std::string& runKey) const;
    std::string indexPath(const std::string& runKey, const std::string& runIdentity) const;

    std::string dir_;
    std::string toolVersion_;
    std::string build_;  // the executable's size and modification time
    std::mutex mutex_;
    std::map<std::string, Shard> shards_;
    std::unordered_map<std::string, std::uint64_t> dirContext_;
    std::map<std::string, std::optional<StatId>> contextStats_;  // every context file the keys read
    std::unordered_map<std::string, CacheKey> keyOf_;              // path -> this run's entry key
    std::size_t hits_ = 0, misses_ = 0;
    int spillFd_ = -1;
    bool spillTried_ = false;
    std::int64_t spillEnd_ = 0;
};

// Entry (de)serialisation, exposed for tests. decodeOutcome returns nullopt on any damage.
std::string encodeOutcome(const FileOutcome& outcome);
std::optional<FileOutcome> decodeOutcome(std::string_view payload, const std::string& path);

}  // namespace anymig
