#include "core/atomic_write.h"

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

// Creates `prefix` + a random suffix with O_EXCL and mode 0666, so the kernel applies the umask
// (and a directory's default ACL) exactly as for any file the user creates; mkstemp's fixed 0600
// would make reports, plans and baselines unreadable to the rest of a team. Returns the
// descriptor (or -1 with errno set) and the name in `name`.
int createTemporary(const std::string& prefix, std::string& name) {
    static const char kChars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    thread_local std::mt19937_64 rng{std::random_device{}()};
    for (int attempt = 0; attempt < 100; ++attempt) {
        name = prefix;
        for (int i = 0; i < 10; ++i) name += kChars[rng() % (sizeof kChars - 1)];
        int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST) return fd;
    }
    return -1;
}

}  // namespace

std::string writeFileAtomically(const std::string& path, std::string_view content) {
    namespace fs = std::filesystem;
    fs::path target(path);
    struct stat st {};
    bool existed = ::stat(path.c_str(), &st) == 0;
    fs::path dir = target.parent_path();
    if (dir.empty()) dir = ".";
    std::string tmp;
    int fd = createTemporary((dir / ("." + target.filename().string() + ".anymig-")).string(), tmp);
    if (fd < 0) return std::string("cannot create temporary file: ") + std::strerror(errno);
    auto fail = [&](const std::string& why) {
        ::close(fd);
        ::unlink(tmp.c_str());
        return why + ": " + std::strerror(errno);
    };
    std::size_t written = 0;
    while (written < content.size()) {
        ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail("write failed");
        }
        written += static_cast<std::size_t>(n);
    }
    if (existed && ::fchmod(fd, st.st_mode & 07777) != 0) return fail("cannot keep permissions");
    if (::fsync(fd) != 0) return fail("fsync failed");
    if (::close(fd) != 0) {
        ::unlink(tmp.c_str());
        return std::string("close failed: ") + std::strerror(errno);
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        std::string why = std::string("rename failed: ") + std::strerror(errno);
        ::unlink(tmp.c_str());
        return why;
    }
    return {};
}

}  // namespace anymig
