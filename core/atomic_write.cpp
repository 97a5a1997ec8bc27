#include "core/atomic_write.h"

#include <limits.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <vector>

#include "core/safe_file.h"

namespace anymig {

bool readFile(const std::string& path, std::string& out, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = std::string("cannot open: ") + std::strerror(errno);
        return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) {
        error = "read failed";
        return false;
    }
    out = std::move(ss).str();
    return true;
}

namespace {

// Creates the temporary file named by `tmpl` (temporaryTemplate: ".NAME.anymig-tmp-PID-XXXXXX",
// the name every anymig writer uses, so a later run recognises and sweeps it), the X's replaced
// at random, with O_EXCL and mode 0666, so the kernel applies the umask (and a directory's
// default ACL) exactly as for any file the user creates; mkstemp's fixed 0600 would make
// reports, plans and baselines unreadable to the rest of a team. Returns the descriptor (or -1
// with errno set) and the name in `name`.
int createTemporary(const std::string& tmpl, std::string& name) {
    static const char kChars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    thread_local std::mt19937_64 rng{std::random_device{}()};
    const std::size_t xs = tmpl.size() - tmpl.find_last_not_of('X') - 1;
    for (int attempt = 0; attempt < 100; ++attempt) {
        name = tmpl;
        for (std::size_t i = name.size() - xs; i < name.size(); ++i) name[i] = kChars[rng() % (sizeof kChars - 1)];
        int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST) return fd;
    }
    return -1;
}

// The file a write to `path` must replace: `path` itself, or the end of its chain of symbolic
// links (which need not exist yet), so a link stays a link and its target gets the content.
std::string finalTarget(const std::string& path) {
    namespace fs = std::filesystem;
    fs::path p(path);
    for (int hops = 0; hops < 40; ++hops) {  // as the kernel's MAXSYMLINKS
        struct stat st {};
        if (::lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return p.string();
        std::vector<char> buf(PATH_MAX + 1);
        ssize_t n = ::readlink(p.c_str(), buf.data(), PATH_MAX);
        if (n < 0) return p.string();
        fs::path to(std::string(buf.data(), static_cast<std::size_t>(n)));
        p = to.is_absolute() ? to : p.parent_path() / to;
    }
    return p.string();  // a loop: the write fails with ELOOP-like errors naming the file
}

}  // namespace

std::string writeFileAtomically(const std::string& path, std::string_view content) {
    bool given = false;
    return writeFileAtomically(path, [&](std::string_view& piece) {
        piece = given ? std::string_view() : content;
        given = true;
        return std::string();
    });
}

std::string writeFileAtomically(const std::string& path, const std::function<std::string(std::string_view&)>& next) {
    const std::string target = finalTarget(path);
    struct stat st {};
    bool existed = ::stat(target.c_str(), &st) == 0;
    std::string tmp;
    int fd = createTemporary(temporaryTemplate(target), tmp);
    if (fd < 0) return std::string("cannot create temporary file: ") + std::strerror(errno);
    int slot = registerTemporary(tmp);  // removed if a signal ends the run meanwhile
    auto fail = [&](const std::string& why) {
        std::string reason = why + ": " + std::strerror(errno);
        if (fd >= 0) ::close(fd);
        ::unlink(tmp.c_str());
        unregisterTemporary(slot);
        return reason;
    };
    for (;;) {
        std::string_view content;
        if (std::string why = next(content); !why.empty()) {
            ::close(fd);
            ::unlink(tmp.c_str());
            unregisterTemporary(slot);
            return why;
        }
        if (content.empty()) break;
        std::size_t written = 0;
        while (written < content.size()) {
            ssize_t n = ::write(fd, content.data() + written, content.size() - written);
            if (n < 0) {
                if (errno == EINTR) continue;
                return fail("write failed");
            }
            written += static_cast<std::size_t>(n);
        }
    }
    if (existed && ::fchmod(fd, st.st_mode & 07777) != 0) return fail("cannot keep permissions");
    if (::fsync(fd) != 0) return fail("fsync failed");
    int closing = fd;
    fd = -1;
    if (::close(closing) != 0) return fail("close failed");
    if (::rename(tmp.c_str(), target.c_str()) != 0) return fail("rename failed");
    unregisterTemporary(slot);
    return {};
}

}  // namespace anymig
