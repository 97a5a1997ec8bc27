#include "core/unified_diff.h"

#include <dtl/dtl.hpp>

#include <sstream>
#include <vector>

namespace anymig {

namespace {
// Lines with their terminators, so CRLF and a missing final newline survive the diff.
std::vector<std::string> splitKeepEnds(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') {
            lines.push_back(text.substr(start, i + 1 - start));
            start = i + 1;
        }
    }
    if (start < text.size()) lines.push_back(text.substr(start));
    return lines;
}

void emitLine(std::ostringstream& out, char mark, const std::string& line) {
    out << mark << line;
    if (line.empty() || line.back() != '\n') out << "\n\\ No newline at end of file\n";
}
}  // namespace

std::string unifiedDiff(const std::string& path, const std::string& before, const std::string& after) {
    if (before == after) return {};
    std::vector<std::string> a = splitKeepEnds(before), b = splitKeepEnds(after);
    dtl::Diff<std::string, std::vector<std::string>> diff(a, b);
    diff.compose();
    diff.composeUnifiedHunks();
    std::ostringstream out;
    std::string sep = !path.empty() && path[0] == '/' ? "" : "/";
    out << "--- a" << sep << path << "\n+++ b" << sep << path << "\n";
    for (const auto& hunk : diff.getUniHunks()) {
        out << "@@ -" << hunk.a << "," << hunk.b << " +" << hunk.c << "," << hunk.d << " @@\n";
        for (const auto& e : hunk.common[0]) emitLine(out, ' ', e.first);
        for (const auto& e : hunk.change) {
            char mark = e.second.type == dtl::SES_ADD ? '+' : e.second.type == dtl::SES_DELETE ? '-' : ' ';
            emitLine(out, mark, e.first);
        }
        for (const auto& e : hunk.common[1]) emitLine(out, ' ', e.first);
    }
    return out.str();
}

void countLineChanges(const std::string& before, const std::string& after, int& added, int& removed) {
    added = removed = 0;
    if (before == after) return;
    std::vector<std::string> a = splitKeepEnds(before), b = splitKeepEnds(after);
    dtl::Diff<std::string, std::vector<std::string>> diff(a, b);
    diff.compose();
    for (const auto& e : diff.getSes().getSequence()) {
        if (e.second.type == dtl::SES_ADD) ++added;
        else if (e.second.type == dtl::SES_DELETE) ++removed;
    }
}

}  // namespace anymig
