#include "core/discovery.h"

#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "core/safe_file.h"

namespace anymig {

namespace fs = std::filesystem;

void GitIgnore::addPatterns(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t') &&
               !(line.size() >= 2 && line[line.size() - 2] == '\\'))
            line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        Pattern p;
        if (line[0] == '!') { p.negate = true; line.erase(0, 1); }
        else if (line[0] == '\\') line.erase(0, 1);
        if (!line.empty() && line.back() == '/') { p.dirOnly = true; line.pop_back(); }
        if (line.empty()) continue;
        if (line.find('/') != std::string::npos) {
            p.anchored = true;
            if (line[0] == '/') line.erase(0, 1);
        }
        p.glob = line;
        patterns_.push_back(std::move(p));
    }
}

bool GitIgnore::ignored(const std::string& relPath, bool isDir) const {
    bool result = false;
    std::string base = relPath.substr(relPath.rfind('/') == std::string::npos ? 0 : relPath.rfind('/') + 1);
    for (const Pattern& p : patterns_) {
        if (p.dirOnly && !isDir) continue;
        bool hit;
        if (p.anchored) {
            // "**/" matches any number of leading directories.
            hit = ::fnmatch(p.glob.c_str(), relPath.c_str(), FNM_PATHNAME | FNM_PERIOD) == 0;
            if (!hit && p.glob.rfind("**/", 0) == 0) {
                std::string rest = p.glob.substr(3);
                hit = ::fnmatch(rest.c_str(), base.c_str(), FNM_PATHNAME) == 0 ||
                      ::fnmatch(("*/" + rest).c_str(), relPath.c_str(), 0) == 0;
            }
        } else {
            hit = ::fnmatch(p.glob.c_str(), base.c_str(), 0) == 0;
        }
        if (hit) result = !p.negate;
    }
    return result;
}

namespace {

const char* kSkippedDirs[] = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".tox", ".nox", ".mypy_cache",
                              ".pytest_cache", ".ruff_cache", ".eggs", "site-packages", ".direnv"};
// Build output folders, unless they are a Python package of that name (pypa's `build`).
const char* kBuildDirs[] = {"build", "dist", "_build"};

bool isSkippedDir(const fs::path& dir) {
    std::string name = dir.filename().string();
    for (const char* s : kSkippedDirs)
        if (name == s) return true;
    std::error_code e;
    for (const char* s : kBuildDirs)
        if (name == s && !fs::exists(dir / "__init__.py", e)) return true;
    if (name.size() > 9 && name.substr(name.size() - 9) == ".egg-info") return true;
    std::error_code ec;
    return fs::exists(dir / "pyvenv.cfg", ec);  // any virtual environment, whatever its name
}

bool hasExtension(const fs::path& p, const std::vector<std::string>& exts) {
    std::string s = p.filename().string();
    return std::any_of(exts.begin(), exts.end(), [&](const std::string& e) {
        return s.size() > e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0;
    });
}

bool excluded(const std::string& rel, const std::vector<std::string>& globs) {
    for (const std::string& g : globs) {
        if (::fnmatch(g.c_str(), rel.c_str(), 0) == 0) return true;
        // A directory glob ("legacy/") or a bare name matches anything below it.
        std::string dirGlob = g.back() == '/' ? g + "*" : g + "/*";
        if (::fnmatch(dirGlob.c_str(), rel.c_str(), 0) == 0) return true;
    }
    return false;
}

struct IgnoreLayer {
    fs::path dir;
    GitIgnore rules;
    fs::path canonical;  // weakly_canonical(dir), what fs::relative(p, dir) measures from
};

// fs::relative(p, base) is weakly_canonical(p).lexically_relative(weakly_canonical(base)): a
// realpath of every path, several readlink calls per file. A walked entry that is not a symlink
// sits in a folder the walk entered (never through a symlink), so its canonical path is the
// folder's canonical path plus its name, computed without a system call. A symlink's canonical
// path is its target's: those still ask the file system, so the answer stays exactly the same.
fs::path canonicalOf(const fs::directory_entry& entry, const fs::path& canonicalDir) {
    std::error_code ec;
    if (entry.is_symlink(ec) || ec) return fs::weakly_canonical(entry.path(), ec);
    return canonicalDir / entry.path().filename();
}

fs::path canonicalDir(const fs::path& dir) {
    std::error_code ec;
    fs::path c = fs::weakly_canonical(dir, ec);
    return ec ? fs::path() : c;
}

// One folder being walked: its sorted entries and whether it added a .gitignore layer.
struct WalkFrame {
    fs::path canonical;  // the folder's canonical path
    std::vector<fs::directory_entry> entries;
    std::size_t next = 0;
    bool pushedLayer = false;
};

WalkFrame enterFolder(const fs::path& dir, fs::path canonical, std::vector<IgnoreLayer>& layers) {
    WalkFrame f;
    f.canonical = std::move(canonical);
    std::error_code ec;
    fs::path gi = dir / ".gitignore";
    if (fs::is_regular_file(gi, ec)) {
        std::ifstream in(gi);
        std::stringstream ss;
        ss << in.rdbuf();
        IgnoreLayer layer{dir, {}, f.canonical};
        layer.rules.addPatterns(ss.str());
        layers.push_back(std::move(layer));
        f.pushedLayer = true;
    }
    for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
         it.increment(ec))
        f.entries.push_back(*it);
    std::sort(f.entries.begin(), f.entries.end(),
              [](const fs::directory_entry& a, const fs::directory_entry& b) { return a.path() < b.path(); });
    return f;
}

// Depth first, with an explicit stack of folders (no recursion per folder level).
void walk(const fs::path& top, const fs::path& root, std::vector<IgnoreLayer>& layers, const DiscoveryOptions& opt,
          DiscoveryResult& result) {
    std::error_code ec;
    std::vector<WalkFrame> stack;
    const fs::path canonicalRoot = canonicalDir(root);
    stack.push_back(enterFolder(top, canonicalDir(top), layers));
    while (!stack.empty()) {
        WalkFrame& frame = stack.back();
        if (frame.next == frame.entries.size()) {
            if (frame.pushedLayer) layers.pop_back();
            stack.pop_back();
            continue;
        }
        const fs::directory_entry entry = frame.entries[frame.next++];  // a copy: the stack may grow
        const fs::path& p = entry.path();
        if (isAnymigTemporary(p.filename().string()) && entry.is_regular_file(ec) && !entry.is_symlink(ec)) {
            result.temporaries.push_back(p.lexically_normal().string());
            continue;
        }
        bool isDir = entry.is_directory(ec) && !entry.is_symlink(ec);
        // fs::relative's answers (an empty path when a path could not be resolved), see canonicalOf.
        const fs::path canonical = canonicalOf(entry, frame.canonical);
        auto relativeTo = [&](const fs::path& base) {
            return canonical.empty() || base.empty() ? fs::path() : canonical.lexically_relative(base);
        };
        bool ignored = false;
        for (const IgnoreLayer& layer : layers) {
            std::string rel = relativeTo(layer.canonical).generic_string();
            if (layer.rules.ignored(rel, isDir)) ignored = true;
        }
        if (ignored) continue;
        std::string relRoot = relativeTo(canonicalRoot).generic_string();
        if (excluded(relRoot, opt.excludeGlobs)) continue;
        if (isDir) {
            if (!isSkippedDir(p)) stack.push_back(enterFolder(p, canonical, layers));
        } else if (entry.is_regular_file(ec) && hasExtension(p, opt.extensions)) {
            result.files.push_back(p.lexically_normal().string());
        }
    }
}

// Temporaries of an explicitly named file are looked for in its folder only.
void addTemporariesBeside(const fs::path& file, std::vector<std::string>& out) {
    std::error_code ec;
    fs::path dir = file.parent_path().empty() ? fs::path(".") : file.parent_path();
    std::string prefix = "." + file.filename().string() + ".anymig-";
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (name.rfind(prefix, 0) == 0 && isAnymigTemporary(name) && it->is_regular_file(ec) && !it->is_symlink(ec))
            out.push_back(it->path().lexically_normal().string());
    }
}

}  // namespace

DiscoveryResult discoverFiles(const std::vector<std::string>& inputs, const DiscoveryOptions& options) {
    DiscoveryResult result;
    for (const std::string& input : inputs) {
        fs::path p(input);
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            std::vector<IgnoreLayer> layers;
            // .gitignore files above the walk root (up to the repository top) apply too.
            std::vector<fs::path> parents;
            for (fs::path d = fs::absolute(p, ec).lexically_normal().parent_path(); !d.empty(); d = d.parent_path()) {
                parents.push_back(d);
                if (fs::exists(d / ".git", ec) || d == d.root_path()) break;
            }
            for (auto it = parents.rbegin(); it != parents.rend(); ++it) {
                fs::path gi = *it / ".gitignore";
                if (fs::is_regular_file(gi, ec)) {
                    std::ifstream in(gi);
                    std::stringstream ss;
                    ss << in.rdbuf();
                    IgnoreLayer layer{*it, {}, canonicalDir(*it)};
                    layer.rules.addPatterns(ss.str());
                    layers.push_back(std::move(layer));
                }
            }
            // Relative paths from the walk are matched against layers by absolute location.
            for (IgnoreLayer& l : layers) l.dir = fs::relative(l.dir, fs::current_path(ec), ec);
            walk(p, p, layers, options, result);
        } else if (std::string why = nonRegularReason(input); !why.empty()) {
            result.errors.push_back(input + ": " + why);  // a FIFO would block a reader forever
        } else if (fs::exists(p, ec)) {
            result.files.push_back(p.lexically_normal().string());  // explicit files are always taken
            addTemporariesBeside(p, result.temporaries);
        } else {
            result.errors.push_back(input + ": no such file or directory");
        }
    }
    std::sort(result.temporaries.begin(), result.temporaries.end());
    result.temporaries.erase(std::unique(result.temporaries.begin(), result.temporaries.end()), result.temporaries.end());
    std::sort(result.files.begin(), result.files.end());
    result.files.erase(std::unique(result.files.begin(), result.files.end()), result.files.end());
    return result;
}

}  // namespace anymig
