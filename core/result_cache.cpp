#include "core/result_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#define XXH_INLINE_ALL  // header-only use of Debian's libxxhash-dev
#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "core/atomic_write.h"
#include "core/pack.h"
#include "core/runner.h"

namespace anymig {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMagic = "anymig-cache 3\n";
// An entry larger than this is damage, not data (it would mean a length field went wrong).
constexpr std::uint32_t kMaxEntry = 64u << 20;

// A field added to these structs must be added to encodeOutcome/decodeOutcome too (else the
// cache would drop it silently); the sizes are a tripwire for that on the 64-bit Linux build.
static_assert(sizeof(void*) != 8 || sizeof(std::string) != 32 || sizeof(Diagnostic) == 256,
              "Diagnostic changed: update encodeOutcome/decodeOutcome in core/result_cache.cpp");
// (FileOutcome::edits is not stored: runs that record edits do not use the cache, see runFiles.)
static_assert(sizeof(void*) != 8 || sizeof(std::string) != 32 || sizeof(FileOutcome) == 320,
              "FileOutcome changed: update encodeOutcome/decodeOutcome in core/result_cache.cpp");

struct Writer {
    std::string out;
    void u32(std::uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); }
    void u64(std::uint64_t v) { out.append(reinterpret_cast<const char*>(&v), 8); }
    void i32(int v) { u32(static_cast<std::uint32_t>(v)); }
    void str(std::string_view s) {
        u32(static_cast<std::uint32_t>(s.size()));
        out.append(s);
    }
};

struct Reader {
    std::string_view in;
    bool ok = true;
    bool take(void* to, std::size_t n) {
        if (!ok || in.size() < n) return ok = false;
        std::memcpy(to, in.data(), n);
        in.remove_prefix(n);
        return true;
    }
    std::uint32_t u32() {
        std::uint32_t v = 0;
        take(&v, 4);
        return v;
    }
    std::uint64_t u64() {
        std::uint64_t v = 0;
        take(&v, 8);
        return v;
    }
    int i32() { return static_cast<int>(u32()); }
    std::string str() {
        std::uint32_t n = u32();
        if (!ok || in.size() < n) {
            ok = false;
            return {};
        }
        std::string s(in.substr(0, n));
        in.remove_prefix(n);
        return s;
    }
};

void putCounts(Writer& w, const MentionCounts& c) {
    for (int v : {c.code, c.comments, c.docstrings, c.targetImports}) w.i32(v);
}

MentionCounts getCounts(Reader& r) {
    MentionCounts c;
    c.code = r.i32();
    c.comments = r.i32();
    c.docstrings = r.i32();
    c.targetImports = r.i32();
    return c;
}

std::string hex128(XXH128_hash_t h) {
    char buf[33];
    std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                  static_cast<unsigned long long>(h.low64));
    return buf;
}

// The executable's identity: a rebuilt binary (rules changed, same version) starts afresh.
std::string buildIdentity() {
    struct stat st {};
    if (::stat("/proc/self/exe", &st) != 0) return "unknown";
    return std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
           std::to_string(st.st_mtim.tv_nsec);
}

}  // namespace

std::string encodeOutcome(const FileOutcome& o) {
    Writer w;
    w.u32(static_cast<std::uint32_t>(o.state));
    w.str(o.reason);
    w.i32(o.rounds);
    w.u32(o.editedAroundSyntaxErrors ? 1 : 0);
    w.str(o.encoding);
    w.i32(o.linesAdded);
    w.i32(o.linesRemoved);
    putCounts(w, o.before);
    putCounts(w, o.after);
    w.u32(static_cast<std::uint32_t>(o.diagnostics.size()));
    for (const Diagnostic& d : o.diagnostics) {
        w.str(d.ruleId);
        w.str(d.ruleName);
        w.str(d.category);
        w.u32(static_cast<std::uint32_t>(d.status));
        for (int v : {d.begin.line, d.begin.column, d.end.line, d.end.column}) w.i32(v);
        w.str(d.message);
        w.str(d.before);
        w.str(d.after);
        w.u32(d.deferred ? 1 : 0);
    }
    const SiteLines& s = o.siteLines;
    w.u64(s.lineCount);
    w.u32(static_cast<std::uint32_t>(s.lines.size()));
    for (const auto& [line, text] : s.lines) {
        w.i32(line);
        w.str(text);
    }
    w.u32(static_cast<std::uint32_t>(s.enclosing.size()));
    for (const auto& [line, context] : s.enclosing) {
        w.i32(line);
        w.i32(context);
    }
    return std::move(w.out);
}

std::optional<FileOutcome> decodeOutcome(std::string_view payload, const std::string& path) {
    Reader r{payload};
    FileOutcome o;
    o.path = path;
    std::uint32_t state = r.u32();
    if (state > static_cast<std::uint32_t>(FileState::Error)) return std::nullopt;
    o.state = static_cast<FileState>(state);
    o.reason = r.str();
    o.rounds = r.i32();
    o.editedAroundSyntaxErrors = r.u32() != 0;
    o.encoding = r.str();
    o.linesAdded = r.i32();
    o.linesRemoved = r.i32();
    o.before = getCounts(r);
    o.after = getCounts(r);
    std::uint32_t n = r.u32();
    if (!r.ok || n > payload.size()) return std::nullopt;
    o.diagnostics.reserve(n);
    for (std::uint32_t i = 0; i < n && r.ok; ++i) {
        Diagnostic d;
        d.path = path;
        d.ruleId = r.str();
        d.ruleName = r.str();
        d.category = r.str();
        std::uint32_t status = r.u32();
        if (status > static_cast<std::uint32_t>(SiteStatus::Suppressed)) return std::nullopt;
        d.status = static_cast<SiteStatus>(status);
        d.begin.line = r.i32();
        d.begin.column = r.i32();
        d.end.line = r.i32();
        d.end.column = r.i32();
        d.message = r.str();
        d.before = r.str();
        d.after = r.str();
        d.deferred = r.u32() != 0;
        o.diagnostics.push_back(std::move(d));
    }
    SiteLines& s = o.siteLines;
    s.lineCount = r.u64();
    std::uint32_t lines = r.u32();
    if (!r.ok || lines > payload.size()) return std::nullopt;
    s.lines.reserve(lines);
    for (std::uint32_t i = 0; i < lines && r.ok; ++i) {
        int line = r.i32();
        s.lines.emplace_back(line, r.str());
    }
    std::uint32_t enclosing = r.u32();
    if (!r.ok || enclosing > payload.size()) return std::nullopt;
    s.enclosing.reserve(enclosing);
    for (std::uint32_t i = 0; i < enclosing && r.ok; ++i) {
        int line = r.i32();
        s.enclosing.emplace_back(line, r.i32());
    }
    if (!r.ok || !r.in.empty()) return std::nullopt;
    return o;
}

ResultCache::ResultCache(std::string dir, std::string toolVersion)
    : dir_(std::move(dir)), toolVersion_(std::move(toolVersion)), build_(buildIdentity()) {}

ResultCache::~ResultCache() {
    if (spillFd_ >= 0) ::close(spillFd_);  // unnamed: its blocks go with the descriptor
}

bool ResultCache::spill(std::string_view payload, std::int64_t& at) {
    if (!spillTried_) {
        spillTried_ = true;
        std::error_code ec;
        fs::create_directories(dir_, ec);  // as save() would
        if (!ec) spillFd_ = ::open(dir_.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    }
    if (spillFd_ < 0) return false;
    std::size_t written = 0;
    while (written < payload.size()) {
        ssize_t n = ::pwrite(spillFd_, payload.data() + written, payload.size() - written,
                             static_cast<off_t>(spillEnd_ + static_cast<std::int64_t>(written)));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;  // this payload stays in memory; the bytes written are never read
        written += static_cast<std::size_t>(n);
    }
    at = spillEnd_;
    spillEnd_ += static_cast<std::int64_t>(payload.size());
    return true;
}

std::optional<std::string_view> ResultCache::payloadOf(const Entry& e, std::string& scratch) const {
    if (e.spilledAt < 0) return e.payload;
    scratch.resize(e.payload.size());
    std::size_t got = 0;
    while (got < scratch.size()) {
        ssize_t n = ::pread(spillFd_, scratch.data() + got, scratch.size() - got,
                            static_cast<off_t>(e.spilledAt + static_cast<std::int64_t>(got)));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return std::nullopt;
        got += static_cast<std::size_t>(n);
    }
    return std::string_view(scratch);
}

std::string ResultCache::runKey(const RunOptions& options) const {
    Writer w;
    w.str(kMagic);
    w.str(toolVersion_);
    w.str(build_);
    for (const PackDescriptor& p : PackRegistry::instance().packs()) {
        w.str(p.name);
        for (const RuleInfo* r : p.rules) w.str(r->id);
    }
    w.u32(static_cast<std::uint32_t>(options.mode));
    w.i32(options.maxRounds);
    w.u32(options.keepSiteLines ? 1 : 0);
    for (const auto* list : {&options.rules.select, &options.rules.ignore}) {
        w.u32(static_cast<std::uint32_t>(list->size()));
        for (const std::string& s : *list) w.str(s);
    }
    // Every file of the run is not part of the key: only front ends whose analysis depends on
    // the file and its named context files are cached.
    for (const auto& [k, v] : options.settings.values)
        if (k != kRunFilesKey) {
            w.str(k);
            w.str(v);
        }
    w.str("lists");
    for (const auto& [k, list] : options.settings.lists) {
        w.str(k);
        w.u32(static_cast<std::uint32_t>(list.size()));
        for (const std::string& v : list) w.str(v);
    }
    w.str("flags");
    for (const auto& [k, v] : options.settings.flags) {
        w.str(k);
        w.u32(v ? 1 : 0);
    }
    return hex128(XXH3_128bits(w.out.data(), w.out.size()));
}

std::string ResultCache::shardPath(const std::string& runKey) const {
    return (fs::path(dir_) / (runKey + ".bin")).string();
}

namespace {

// The whole file in one read of its size, without the copies a growing stream makes (a shard is
// tens of MB). Empty when it cannot be opened or is not a regular file; short if it shrank.
std::unique_ptr<char[]> readWhole(const std::string& path, std::size_t& size) {
    size = 0;
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return nullptr;
    struct stat st {};
    std::unique_ptr<char[]> data;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        const std::size_t want = static_cast<std::size_t>(st.st_size);
        data.reset(new char[std::max<std::size_t>(want, 1)]);
        while (size < want) {
            ssize_t n = ::read(fd, data.get() + size, want - size);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            size += static_cast<std::size_t>(n);
        }
    }
    ::close(fd);
    return data;
}

}  // namespace

ResultCache::Shard& ResultCache::shardFor(const std::string& runKey) {
    Shard& s = shards_[runKey];
    if (s.loaded) return s;
    s.loaded = true;
    std::size_t size = 0;
    std::unique_ptr<char[]> data = readWhole(shardPath(runKey), size);
    std::string_view in(data.get(), size);
    if (in.substr(0, kMagic.size()) != kMagic) return s;
    in.remove_prefix(kMagic.size());
    // Entry: length, checksum of the rest, key (16 bytes), path hash (8), payload.
    while (in.size() >= 12) {
        std::uint32_t len;
        std::uint64_t sum;
        std::memcpy(&len, in.data(), 4);
        std::memcpy(&sum, in.data() + 4, 8);
        if (len < 24 || len > kMaxEntry || len > in.size() - 12) break;  // damaged framing: stop here
        std::string_view body = in.substr(12, len);
        in.remove_prefix(12 + len);
        if (XXH3_64bits(body.data(), body.size()) != sum) continue;  // damaged entry: ignored
        CacheKey key;
        std::uint64_t pathHash;
        std::memcpy(key.data(), body.data(), 16);
        std::memcpy(&pathHash, body.data() + 16, 8);
        s.entries[key] = Entry{pathHash, body.substr(24)};
    }
    s.buffers.push_back(std::move(data));
    return s;
}

std::uint64_t ResultCache::directoryContext(const std::string& dir, const std::vector<std::string>& names) {
    auto it = dirContext_.find(dir);
    if (it != dirContext_.end()) return it->second;
    fs::path d(dir);
    std::uint64_t h = 0;
    if (d.has_parent_path() && d.parent_path() != d) h = directoryContext(d.parent_path().string(), names);
    for (const std::string& name : names) {
        std::string text, error;
        const std::string file = (d / name).string();
        StatId id;
        // Taken before the read: a change after it shows as a different identity next run.
        contextStats_[file] = statOf(file, id) ? std::optional<StatId>(id) : std::nullopt;
        if (!readFile(file, text, error)) continue;
        std::uint64_t parts[3] = {h, XXH3_64bits(name.data(), name.size()), XXH3_64bits(text.data(), text.size())};
        h = XXH3_64bits(parts, sizeof parts);
    }
    dirContext_[dir] = h;
    return h;
}

CacheKey ResultCache::entryKey(const Frontend& fe, const std::string& path, std::string_view text,
                               const std::string& runKey) {
    // The file's own part is hashed outside the lock; the directory context is memoised under it.
    XXH3_state_t* st = XXH3_createState();
    XXH3_128bits_reset(st);
    std::uint64_t pathLen = path.size();
    XXH3_128bits_update(st, &pathLen, sizeof pathLen);
    XXH3_128bits_update(st, path.data(), path.size());
    XXH3_128bits_update(st, text.data(), text.size());
    XXH128_hash_t own = XXH3_128bits_digest(st);
    XXH3_freeState(st);
    std::error_code ec;
    std::string dir = fs::absolute(path, ec).lexically_normal().parent_path().string();
    std::uint64_t context;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        context = directoryContext(dir, *fe.cacheContextFiles());
    }
    std::string all = runKey;
    all.append(reinterpret_cast<const char*>(&context), 8);
    all.append(reinterpret_cast<const char*>(&own), sizeof own);
    all += fe.cacheKeyFor(path);  // what the analysis reads of other files of the run
    XXH128_hash_t h = XXH3_128bits(all.data(), all.size());
    return {h.high64, h.low64};
}

std::optional<FileOutcome> ResultCache::lookup(const Frontend& fe, const std::string& path, std::string_view text,
                                               const std::string& runKey) {
    if (!fe.cacheContextFiles()) return std::nullopt;
    CacheKey key = entryKey(fe, path, text, runKey);
    std::lock_guard<std::mutex> lock(mutex_);
    Shard& s = shardFor(runKey);
    s.current[XXH3_64bits(path.data(), path.size())] = key;
    keyOf_[path] = key;
    auto it = s.entries.find(key);
    std::string scratch;
    if (it != s.entries.end())
        if (auto payload = payloadOf(it->second, scratch))
            if (auto o = decodeOutcome(*payload, path)) {
                ++hits_;
                return o;
            }
    ++misses_;
    return std::nullopt;
}

void ResultCache::store(const Frontend& fe, const std::string& path, std::string_view text, const std::string& runKey,
                        const FileOutcome& outcome) {
    if (!fe.cacheContextFiles() || outcome.state == FileState::Changed) return;
    std::string payload = encodeOutcome(outcome);
    CacheKey key = entryKey(fe, path, text, runKey);
    std::lock_guard<std::mutex> lock(mutex_);
    Shard& s = shardFor(runKey);
    std::uint64_t pathHash = XXH3_64bits(path.data(), path.size());
    s.current[pathHash] = key;
    keyOf_[path] = key;
    std::int64_t at = -1;
    if (spill(payload, at)) {
        s.entries[key] = Entry{pathHash, std::string_view(nullptr, payload.size()), at};
    } else {
        s.owned.push_back(std::move(payload));
        s.entries[key] = Entry{pathHash, s.owned.back()};
    }
    s.dirty = true;
}

std::string ResultCache::save() {
    std::lock_guard<std::mutex> lock(mutex_);
    bool any = false;
    for (const auto& [runKey, s] : shards_) any = any || s.dirty;
    if (!any) return "";
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) return "cannot create " + dir_ + ": " + ec.message();
    // Keeps git and other tools away from the cache, as ruff does.
    std::string ignore = (fs::path(dir_) / ".gitignore").string();
    if (!fs::exists(ignore, ec)) writeFileAtomically(ignore, "# Automatically created by anymig.\n*\n");
    for (auto& [runKey, mine] : shards_) {
        if (!mine.dirty) continue;
        // Merge with what a concurrent run may have saved since: theirs, then ours; for a path
        // this run saw, only the entry of its current content is kept.
        Shard ours = std::move(mine);
        mine = Shard{};
        Shard& disk = shardFor(runKey);
        for (auto& [key, e] : disk.entries) {
            auto cur = ours.current.find(e.pathHash);
            if (cur == ours.current.end() || cur->second == key) ours.entries.emplace(key, e);
        }
        for (auto& buffer : disk.buffers) ours.buffers.push_back(std::move(buffer));  // the views above
        for (auto it = ours.entries.begin(); it != ours.entries.end();) {
            auto cur = ours.current.find(it->second.pathHash);
            it = (cur != ours.current.end() && cur->second != it->first) ? ours.entries.erase(it) : std::next(it);
        }
        mine = std::move(ours);
        // In key order, so the same entries make the same file.
        std::vector<std::pair<CacheKey, const Entry*>> sorted;
        sorted.reserve(mine.entries.size());
        for (const auto& [key, e] : mine.entries) sorted.emplace_back(key, &e);
        std::sort(sorted.begin(), sorted.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        // Written in pieces of about a megabyte: the file is as large as every payload together,
        // and a copy of it all would be the run's peak of memory.
        constexpr std::size_t kPiece = 1u << 20;
        Writer w;
        w.out.reserve(kPiece + 64);
        w.out.append(kMagic);
        std::size_t done = 0;
        bool first = true;  // the magic line waits in the buffer for the first piece
        std::string scratch;
        std::string why = writeFileAtomically(shardPath(runKey), [&](std::string_view& piece) {
            if (!first) w.out.clear();  // the piece handed out last
            first = false;
            while (done < sorted.size() && w.out.size() < kPiece) {
                const auto& [key, e] = sorted[done++];
                std::optional<std::string_view> payload = payloadOf(*e, scratch);
                if (!payload) return std::string("cannot read back what this run stored");
                // Entry: length, checksum of the rest (key, path hash, payload), then the rest.
                std::size_t at = w.out.size();
                w.u32(static_cast<std::uint32_t>(24 + payload->size()));
                w.u64(0);
                w.out.append(reinterpret_cast<const char*>(key.data()), 16);
                w.u64(e->pathHash);
                w.out.append(*payload);
                std::uint64_t sum = XXH3_64bits(w.out.data() + at + 12, w.out.size() - at - 12);
                std::memcpy(w.out.data() + at + 4, &sum, 8);
            }
            piece = w.out;
            return std::string();
        });
        if (!why.empty()) return "cannot write " + shardPath(runKey) + ": " + why;
        mine.dirty = false;
    }
    return "";
}

namespace {

constexpr std::string_view kIndexMagic = "anymig-index 1\n";

void putStat(Writer& w, const ResultCache::StatId& id) {
    w.u64(id.device);
    w.u64(id.inode);
    w.u64(id.size);
    w.u64(static_cast<std::uint64_t>(id.mtimeNs));
    w.u64(static_cast<std::uint64_t>(id.ctimeNs));
}

ResultCache::StatId getStat(Reader& r) {
    ResultCache::StatId id;
    id.device = r.u64();
    id.inode = r.u64();
    id.size = r.u64();
    id.mtimeNs = static_cast<std::int64_t>(r.u64());
    id.ctimeNs = static_cast<std::int64_t>(r.u64());
    return id;
}

}  // namespace

bool ResultCache::statOf(const std::string& path, StatId& out) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return false;
    out.device = static_cast<std::uint64_t>(st.st_dev);
    out.inode = static_cast<std::uint64_t>(st.st_ino);
    out.size = static_cast<std::uint64_t>(st.st_size);
    out.mtimeNs = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    out.ctimeNs = static_cast<std::int64_t>(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec;
    return true;
}

std::string ResultCache::indexPath(const std::string& runKey, const std::string& runIdentity) const {
    XXH128_hash_t h = XXH3_128bits(runIdentity.data(), runIdentity.size());
    return (fs::path(dir_) / (runKey + "-" + hex128(h) + ".idx")).string();
}

std::optional<std::vector<FileOutcome>> ResultCache::lookupUnchanged(const std::vector<std::string>& paths,
                                                                     const std::string& runIdentity,
                                                                     const std::string& runKey) {
    std::size_t size = 0;
    std::unique_ptr<char[]> buffer = readWhole(indexPath(runKey, runIdentity), size);
    std::string_view data(buffer.get(), size);
    if (data.size() < kIndexMagic.size() + 8 || data.substr(0, kIndexMagic.size()) != kIndexMagic) return std::nullopt;
    std::string_view body(data);
    body.remove_prefix(kIndexMagic.size() + 8);
    std::uint64_t sum;
    std::memcpy(&sum, data.data() + kIndexMagic.size(), 8);
    if (XXH3_64bits(body.data(), body.size()) != sum) return std::nullopt;  // damaged: ignored
    Reader r{body};
    if (r.str() != runIdentity || r.u32() != paths.size()) return std::nullopt;
    std::vector<CacheKey> keys(paths.size());
    for (std::size_t i = 0; i < paths.size(); ++i) {
        StatId was = getStat(r), now;
        r.take(keys[i].data(), 16);
        if (!r.ok || !statOf(paths[i], now) || !(now == was)) return std::nullopt;
    }
    for (std::uint32_t n = r.u32(), k = 0; r.ok && k < n; ++k) {
        std::string file = r.str();
        bool present = r.u32() != 0;
        StatId was = getStat(r), now;
        if (!r.ok || statOf(file, now) != present || (present && !(now == was))) return std::nullopt;
    }
    if (!r.ok || !r.in.empty()) return std::nullopt;
    std::vector<FileOutcome> out;
    out.reserve(paths.size());
    std::lock_guard<std::mutex> lock(mutex_);
    Shard& s = shardFor(runKey);
    std::string scratch;
    for (std::size_t i = 0; i < paths.size(); ++i) {
        auto it = s.entries.find(keys[i]);
        if (it == s.entries.end()) return std::nullopt;
        std::optional<std::string_view> payload = payloadOf(it->second, scratch);
        if (!payload) return std::nullopt;
        std::optional<FileOutcome> o = decodeOutcome(*payload, paths[i]);
        if (!o) return std::nullopt;
        out.push_back(std::move(*o));
    }
    for (std::size_t i = 0; i < paths.size(); ++i) s.current[XXH3_64bits(paths[i].data(), paths[i].size())] = keys[i];
    hits_ += paths.size();
    if (!s.dirty) {  // the outcomes are copies: the shard's tens of MB go until something reads it again
        s.entries = {};
        s.buffers.clear();
        s.loaded = false;
    }
    return out;
}

std::string ResultCache::writeIndex(const std::vector<std::string>& paths, const std::vector<std::optional<StatId>>& read,
                                    const std::string& runIdentity, const std::string& runKey, std::int64_t startNs) {
    constexpr std::int64_t kRacyNs = 1000000000;  // a second: coarser than any file system's clock
    auto racy = [&](const StatId& id) { return id.mtimeNs >= startNs - kRacyNs || id.ctimeNs >= startNs - kRacyNs; };
    Writer w;
    std::lock_guard<std::mutex> lock(mutex_);
    w.str(runIdentity);
    w.u32(static_cast<std::uint32_t>(paths.size()));
    for (std::size_t i = 0; i < paths.size(); ++i) {
        auto key = keyOf_.find(paths[i]);
        if (key == keyOf_.end() || !read[i] || racy(*read[i])) return "";  // nothing to index
        putStat(w, *read[i]);
        w.out.append(reinterpret_cast<const char*>(key->second.data()), 16);
    }
    w.u32(static_cast<std::uint32_t>(contextStats_.size()));
    for (const auto& [file, id] : contextStats_) {
        if (id && racy(*id)) return "";
        w.str(file);
        w.u32(id ? 1 : 0);
        putStat(w, id.value_or(StatId{}));
    }
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) return "cannot create " + dir_ + ": " + ec.message();
    std::string out(kIndexMagic);
    std::uint64_t sum = XXH3_64bits(w.out.data(), w.out.size());
    out.append(reinterpret_cast<const char*>(&sum), 8);
    out += w.out;
    std::string why = writeFileAtomically(indexPath(runKey, runIdentity), out);
    return why.empty() ? "" : "cannot write " + indexPath(runKey, runIdentity) + ": " + why;
}

}  // namespace anymig
