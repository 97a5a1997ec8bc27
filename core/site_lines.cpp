#include "core/site_lines.h"

#include <algorithm>

namespace anymig {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

int indentWidth(std::string_view line) {
    int w = 0;
    for (char c : line) {
        if (c == ' ') ++w;
        else if (c == '\t') w = (w / 8 + 1) * 8;
        else if (c == '\f') w = 0;
        else break;
    }
    return w;
}

bool blankOrComment(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && isSpace(line[i])) ++i;
    return i == line.size() || line[i] == '#';
}

bool inRange(const SourceFile& source, int line) {
    return line >= 1 && static_cast<std::size_t>(line) <= source.lineCount();
}

}  // namespace

std::string_view SiteLines::text(int line) const {
    auto it = std::lower_bound(lines.begin(), lines.end(), line,
                               [](const std::pair<int, std::string>& l, int n) { return l.first < n; });
    return it != lines.end() && it->first == line ? std::string_view(it->second) : std::string_view();
}

int SiteLines::enclosingOf(int line) const {
    auto it = std::lower_bound(enclosing.begin(), enclosing.end(), line,
                               [](const std::pair<int, int>& l, int n) { return l.first < n; });
    return it != enclosing.end() && it->first == line ? it->second : 0;
}

int enclosingLine(const SourceFile& source, int line) {
    if (!inRange(source, line)) return 0;
    int width = indentWidth(source.lineText(line));
    for (int l = line - 1; l >= 1 && width > 0; --l) {
        std::string_view t = source.lineText(l);
        if (blankOrComment(t)) continue;
        if (indentWidth(t) < width) return l;
    }
    return 0;
}

SiteLines siteLinesOf(const std::string& path, const std::string& text, const std::vector<Diagnostic>& diagnostics) {
    SiteLines out;
    const bool marked = text.find(kSuppressionMarker) != std::string::npos;
    if (diagnostics.empty() && !marked) return out;
    const SourceFile source(path, text);
    out.lineCount = source.lineCount();
    std::vector<int> wanted;
    for (const Diagnostic& d : diagnostics) {
        int context = enclosingLine(source, d.begin.line);
        if (context) out.enclosing.emplace_back(d.begin.line, context);
        for (int l : {d.begin.line, d.end.line, context})
            if (inRange(source, l)) wanted.push_back(l);
    }
    if (marked)
        for (int l = 1; inRange(source, l); ++l)
            if (source.lineText(l).find(kSuppressionMarker) != std::string_view::npos) wanted.push_back(l);
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    out.lines.reserve(wanted.size());
    for (int l : wanted) out.lines.emplace_back(l, std::string(source.lineText(l)));
    std::sort(out.enclosing.begin(), out.enclosing.end());
    out.enclosing.erase(std::unique(out.enclosing.begin(), out.enclosing.end()), out.enclosing.end());
    return out;
}

}  // namespace anymig
