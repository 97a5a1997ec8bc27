// Reading and replacing users' source files safely.
//
// - Only regular files are read: a FIFO, socket or device is refused from its stat, never opened.
// - What was read is remembered (device, inode, size, mtime and a content hash); a file is
//   replaced only when, just before the rename, it is still exactly that file. A file changed or
//   deleted by someone else meanwhile is left alone (never overwritten, never re-created).
// - A symlink is written through: the link's final target is replaced, the link itself stays.
// - The replacement keeps the original's mode, and its owner and group (refused when that cannot
//   be kept, e.g. a file owned by someone else when not running as root).
// - The temporary file lives next to the target, is named `.NAME.anymig-tmp-PID-XXXXXX`, is
//   removed on every error path and by SIGINT/SIGTERM/SIGHUP, and a later run removes the ones a
//   killed run left (see sweepStaleTemporaries).
#pragma once
#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace anymig {

struct FileIdentity {
    dev_t device = 0;
    ino_t inode = 0;
    off_t size = 0;
    std::int64_t mtimeNs = 0;
    std::uint64_t hash = 0;
};

// 64-bit FNV-1a of the bytes (a change detector, not a cryptographic digest).
std::uint64_t contentHash(std::string_view bytes);

// Why `path` cannot be read as a source file ("a FIFO", "a socket", ...), or "" for a regular
// file (or a symlink to one). Uses stat only: the file is never opened.
std::string nonRegularReason(const std::string& path);

// Reads a regular file (following symlinks) and records its identity. Returns false with
// `error` set for anything else; a non-regular file is refused without being opened.
bool readSourceFile(const std::string& path, std::string& out, FileIdentity& identity, std::string& error);

// Replaces the file at `path` (through symlinks) with `content`, provided it is still the file
// described by `expected`. Returns "" on success, else the reason; nothing is changed on failure.
std::string replaceFileSafely(const std::string& path, std::string_view content, const FileIdentity& expected);

// Temporary-file naming shared by every writer in anymig.
std::string temporaryTemplate(const std::string& targetPath);  // ".../.NAME.anymig-tmp-PID-XXXXXX"
bool isAnymigTemporary(std::string_view fileName);               // matches that pattern (or the old one)

// Removes the temporary files in `files` whose writing process no longer runs (a run that was
// killed). Returns one message per file: "removed stale temporary file P (left by process N)".
std::vector<std::string> sweepStaleTemporaries(const std::vector<std::string>& files);

// Registers a temporary path so that SIGINT/SIGTERM/SIGHUP remove it; unregister when done.
int registerTemporary(const std::string& path);
void unregisterTemporary(int slot);

// An exclusive advisory lock (flock) on an existing file, held until destroyed, so two runs on
// one plan state do not interleave. tryLock returns false with `error` set when another process
// holds it (or the file cannot be opened).
class FileLock {
public:
    FileLock() = default;
    ~FileLock();
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;
    bool tryLock(const std::string& path, std::string& error);

private:
    int fd_ = -1;
};

}  // namespace anymig
