#include "core/safe_file.h"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>

namespace anymig {

namespace {

constexpr std::string_view kTmpMarker = ".anymig-tmp-";

std::string errnoText() { return std::strerror(errno); }

std::int64_t mtimeNs(const struct stat& st) {
    return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

const char* kindOf(mode_t mode) {
    if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISDIR(mode)) return "a directory";
    return "not a regular file";
}

// Reads everything from an open descriptor; `expected` (the size stat gave) is reserved first,
// so a huge file is not read into a string doubled past its size (8 MB for a 5 MB file).
bool readAll(int fd, std::string& out, std::string& error, off_t expected) {
    out.clear();
    if (expected > 0) out.reserve(static_cast<std::size_t>(expected));
    char buf[1 << 16];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            error = "read failed: " + errnoText();
            return false;
        }
        if (n == 0) return true;
        out.append(buf, static_cast<std::size_t>(n));
    }
}

// Opens a regular file without blocking (a FIFO swapped in after the stat cannot hang us).
int openRegular(const std::string& path, struct stat& st, std::string& error) {
    if (::stat(path.c_str(), &st) != 0) {
        error = "cannot open: " + errnoText();
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        error = std::string("not a regular file: it is ") + kindOf(st.st_mode) + "; not opened";
        return -1;
    }
    int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        error = "cannot open: " + errnoText();
        return -1;
    }
    struct stat now {};
    if (::fstat(fd, &now) != 0 || !S_ISREG(now.st_mode) || now.st_ino != st.st_ino || now.st_dev != st.st_dev) {
        ::close(fd);
        error = "the file changed while it was being opened";
        return -1;
    }
    st = now;
    return fd;
}

// --- temporaries removed by signals -------------------------------------------------------
constexpr int kSlots = 64;
std::array<std::array<char, PATH_MAX>, kSlots> gSlotPath;
std::array<std::atomic<int>, kSlots> gSlotUsed{};  // 0 free, 1 being filled, 2 armed
std::once_flag gHandlersOnce;

extern "C" void removeTemporariesAndDie(int sig) {
    for (int i = 0; i < kSlots; ++i)
        if (gSlotUsed[i].load() == 2) ::unlink(gSlotPath[i].data());
    ::signal(sig, SIG_DFL);
    ::raise(sig);
}

void installHandlers() {
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
        struct sigaction old {};
        ::sigaction(sig, nullptr, &old);
        if (old.sa_handler != SIG_DFL) continue;  // someone else handles it (or it is ignored)
        struct sigaction sa {};
        sa.sa_handler = removeTemporariesAndDie;
        sigemptyset(&sa.sa_mask);
        ::sigaction(sig, &sa, nullptr);
    }
}

bool pidAlive(long pid) {
    if (pid <= 0) return false;
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

// The writing process named in a temporary's file name, or -1 for the old unnamed pattern.
long ownerPid(std::string_view name) {
    std::size_t at = name.rfind(kTmpMarker);
    if (at == std::string_view::npos) return -1;
    long pid = 0;
    for (std::size_t i = at + kTmpMarker.size(); i < name.size() && name[i] != '-'; ++i) {
        if (name[i] < '0' || name[i] > '9') return -1;
        pid = pid * 10 + (name[i] - '0');
    }
    return pid;
}

// Checks, as late as possible, that `target` is still the file that was read.
std::string stillTheSameFile(const std::string& target, const FileIdentity& expected) {
    struct stat st {};
    if (::lstat(target.c_str(), &st) != 0) {
        if (errno == ENOENT) return "the file was deleted after anymig read it; not re-created";
        return "cannot check the file before replacing it: " + errnoText();
    }
    if (!S_ISREG(st.st_mode)) return "the file was replaced by something else after anymig read it; left alone";
    if (st.st_dev != expected.device || st.st_ino != expected.inode)
        return "the file was replaced after anymig read it; the new version was left alone";
    if (st.st_size != expected.size || mtimeNs(st) != expected.mtimeNs)
        return "the file was modified after anymig read it; your edit was kept and the file was not migrated";
    std::string now, error;
    struct stat fst {};
    int fd = openRegular(target, fst, error);
    if (fd < 0) return "cannot check the file before replacing it: " + error;
    bool ok = readAll(fd, now, error, fst.st_size);
    ::close(fd);
    if (!ok) return "cannot check the file before replacing it: " + error;
    if (contentHash(now) != expected.hash)
        return "the file was modified after anymig read it; your edit was kept and the file was not migrated";
    return {};
}

// Test hook for the concurrent-change trials (tests/scripts/test_reliability.py): with
// ANYMIG_TEST_PAUSE_BEFORE_REPLACE=DIR, announce DIR/NAME.ready and wait (at most 60 s) for
// DIR/NAME.go before checking and replacing NAME, so a test can change the file in between.
void testPauseBeforeReplace(const std::string& path) {
    const char* dir = std::getenv("ANYMIG_TEST_PAUSE_BEFORE_REPLACE");
    if (!dir || !*dir) return;
    std::string base = std::string(dir) + "/" + std::filesystem::path(path).filename().string();
    int fd = ::open((base + ".ready").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0) ::close(fd);
    for (int i = 0; i < 6000 && ::access((base + ".go").c_str(), F_OK) != 0; ++i) ::usleep(10000);
}

}  // namespace

std::uint64_t contentHash(std::string_view bytes) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

std::string nonRegularReason(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return {};  // a missing file is reported by whoever reads it
    if (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)) return {};
    return std::string("not a regular file: it is ") + kindOf(st.st_mode) + "; not opened";
}

bool readSourceFile(const std::string& path, std::string& out, FileIdentity& identity, std::string& error) {
    struct stat st {};
    int fd = openRegular(path, st, error);
    if (fd < 0) return false;
    bool ok = readAll(fd, out, error, st.st_size);
    ::close(fd);
    if (!ok) return false;
    identity.device = st.st_dev;
    identity.inode = st.st_ino;
    identity.size = st.st_size;
    identity.mtimeNs = mtimeNs(st);
    identity.hash = contentHash(out);
    if (static_cast<off_t>(out.size()) != st.st_size) {
        error = "the file changed while it was being read";
        return false;
    }
    return true;
}

std::string temporaryTemplate(const std::string& targetPath) {
    std::filesystem::path target(targetPath);
    std::filesystem::path dir = target.parent_path();
    if (dir.empty()) dir = ".";
    std::string name = "." + target.filename().string() + std::string(kTmpMarker) + std::to_string(::getpid()) + "-XXXXXX";
    return (dir / name).string();
}

bool isAnymigTemporary(std::string_view name) {
    if (name.empty() || name[0] != '.') return false;
    if (name.find(kTmpMarker) != std::string_view::npos) return ownerPid(name) > 0;
    // Older anymig versions: ".NAME.anymig-XXXXXX" (mkstemp suffix of six characters).
    std::size_t at = name.rfind(".anymig-");
    return at != std::string_view::npos && at > 1 && name.size() == at + 8 + 6;
}

std::vector<std::string> sweepStaleTemporaries(const std::vector<std::string>& files) {
    std::vector<std::string> messages;
    for (const std::string& f : files) {
        std::string name = std::filesystem::path(f).filename().string();
        if (!isAnymigTemporary(name)) continue;
        long pid = ownerPid(name);
        if (pid > 0 && pidAlive(pid)) continue;  // another run is writing it right now
        struct stat st {};
        if (::lstat(f.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
        if (::unlink(f.c_str()) != 0) {
            messages.push_back("cannot remove stale temporary file " + f + ": " + errnoText());
            continue;
        }
        messages.push_back("removed stale temporary file " + f + " (left by an interrupted anymig run" +
                           (pid > 0 ? ", process " + std::to_string(pid) : std::string()) + ")");
    }
    return messages;
}

int registerTemporary(const std::string& path) {
    std::call_once(gHandlersOnce, installHandlers);
    if (path.size() >= PATH_MAX) return -1;
    for (int i = 0; i < kSlots; ++i) {
        int expected = 0;
        if (gSlotUsed[i].compare_exchange_strong(expected, 1)) {
            std::memcpy(gSlotPath[i].data(), path.c_str(), path.size() + 1);
            gSlotUsed[i].store(2);
            return i;
        }
    }
    return -1;  // all slots busy: a later run's sweep removes it if we are killed
}

void unregisterTemporary(int slot) {
    if (slot >= 0 && slot < kSlots) gSlotUsed[slot].store(0);
}

std::string replaceFileSafely(const std::string& path, std::string_view content, const FileIdentity& expected) {
    testPauseBeforeReplace(path);
    // Write through symlinks: the final target is replaced, the link is kept as it is.
    char resolved[PATH_MAX];
    if (!::realpath(path.c_str(), resolved)) {
        if (errno == ENOENT) return "the file was deleted after anymig read it; not re-created";
        return "cannot resolve the file's location: " + errnoText();
    }
    std::string target(resolved);
    struct stat st {};
    if (::stat(target.c_str(), &st) != 0) return "cannot check the file: " + errnoText();
    std::string tmpl = temporaryTemplate(target);
    std::string buf = tmpl;
    int fd = ::mkostemp(buf.data(), O_CLOEXEC);
    if (fd < 0) return "cannot create a temporary file next to it: " + errnoText();
    std::string tmp = buf;
    int slot = registerTemporary(tmp);
    auto fail = [&](const std::string& why) {
        if (fd >= 0) ::close(fd);
        ::unlink(tmp.c_str());
        unregisterTemporary(slot);
        return why;
    };
    for (std::size_t written = 0; written < content.size();) {
        ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail("write failed: " + errnoText());
        }
        written += static_cast<std::size_t>(n);
    }
    struct stat tst {};
    if (::fstat(fd, &tst) != 0) return fail("cannot check the temporary file: " + errnoText());
    if ((tst.st_uid != st.st_uid || tst.st_gid != st.st_gid) && ::fchown(fd, st.st_uid, st.st_gid) != 0)
        return fail("cannot keep the file's owner and group (" + std::to_string(st.st_uid) + ":" +
                    std::to_string(st.st_gid) + "): " + errnoText() + "; left unchanged");
    if (::fchmod(fd, st.st_mode & 07777) != 0) return fail("cannot keep the file's permissions: " + errnoText());
    if (::fsync(fd) != 0) return fail("fsync failed: " + errnoText());
    int closing = fd;
    fd = -1;
    if (::close(closing) != 0) return fail("close failed: " + errnoText());
    if (std::string why = stillTheSameFile(target, expected); !why.empty()) return fail(why);
    if (::rename(tmp.c_str(), target.c_str()) != 0) return fail("rename failed: " + errnoText());
    unregisterTemporary(slot);
    return {};
}

FileLock::~FileLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

bool FileLock::tryLock(const std::string& path, std::string& error) {
    int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        error = "cannot open " + path + " to lock it: " + errnoText();
        return false;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        error = errno == EWOULDBLOCK ? "another anymig run is using " + path + "; try again when it has finished"
                                     : "cannot lock " + path + ": " + errnoText();
        ::close(fd);
        return false;
    }
    fd_ = fd;
    return true;
}

}  // namespace anymig
