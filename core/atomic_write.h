#pragma once
#include <functional>
#include <string>
#include <string_view>

namespace anymig {
// Writes `content` to `path` through a temporary file in the same directory and a
// rename, keeping the original file's permissions; a new file gets the mode the umask
// gives (0666 & ~umask). A symbolic link is written through: its final target is
// replaced (or created) and the link stays. The temporary is named like every anymig
// temporary (".NAME.anymig-tmp-PID-XXXXXX", see core/safe_file.h), removed on failure
// and on SIGINT/SIGTERM/SIGHUP, and swept by a later migrate if the run was killed.
// Returns an empty string on success, else the reason. The original is untouched on failure.
std::string writeFileAtomically(const std::string& path, std::string_view content);
// The same, for content made piece by piece so that it is never held whole: `next` sets its
// argument to the next piece (valid until the following call; an empty piece ends the content)
// and returns "", or returns a reason to give up (the original is then untouched, as on failure).
std::string writeFileAtomically(const std::string& path, const std::function<std::string(std::string_view&)>& next);
// Reads a whole file; returns false and sets `error` on failure.
bool readFile(const std::string& path, std::string& out, std::string& error);
}  // namespace anymig
