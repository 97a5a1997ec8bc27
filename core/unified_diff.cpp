#include "core/unified_diff.h"

#include <dtl/dtl.hpp>

#include <algorithm>
#include <functional>
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


// The line script from `a` to `b`: ' ' kept, '-' removed, '+' added, in order. Runs of equal
// lines are matched first in one linear walk (a mismatch is followed by the nearest point where
// a few lines agree again); dtl's exact O(ND) diff then runs on each changed region only, so
// files with a hundred thousand edited lines cost linear time, not D x N.
std::vector<std::pair<char, const std::string*>> lineScript(const std::vector<std::string>& a,
                                                            const std::vector<std::string>& b) {
    constexpr std::size_t kConfirm = 3, kMaxSearch = 1000;
    std::vector<std::size_t> ha(a.size()), hb(b.size());
    std::hash<std::string> h;
    for (std::size_t i = 0; i < a.size(); ++i) ha[i] = h(a[i]);
    for (std::size_t j = 0; j < b.size(); ++j) hb[j] = h(b[j]);
    auto same = [&](std::size_t i, std::size_t j) { return ha[i] == hb[j] && a[i] == b[j]; };
    auto agrees = [&](std::size_t i, std::size_t j) {
        for (std::size_t k = 0; k < kConfirm && i + k < a.size() && j + k < b.size(); ++k)
            if (!same(i + k, j + k)) return false;
        return (i + kConfirm <= a.size() && j + kConfirm <= b.size()) || (a.size() - i == b.size() - j);
    };
    std::vector<std::pair<char, const std::string*>> out;
    auto region = [&](std::size_t i0, std::size_t i1, std::size_t j0, std::size_t j1) {
        std::vector<std::string> ra(a.begin() + static_cast<long>(i0), a.begin() + static_cast<long>(i1));
        std::vector<std::string> rb(b.begin() + static_cast<long>(j0), b.begin() + static_cast<long>(j1));
        dtl::Diff<std::string, std::vector<std::string>> diff(ra, rb);
        diff.compose();
        std::size_t i = i0, j = j0;
        for (const auto& e : diff.getSes().getSequence()) {
            if (e.second.type == dtl::SES_ADD) out.emplace_back('+', &b[j++]);
            else if (e.second.type == dtl::SES_DELETE) out.emplace_back('-', &a[i++]);
            else out.emplace_back(' ', &a[i++]), ++j;
        }
    };
    std::size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (i < a.size() && j < b.size() && same(i, j)) {
            out.emplace_back(' ', &a[i++]);
            ++j;
            continue;
        }
        bool found = false;
        for (std::size_t d = 1; d <= kMaxSearch && !found; ++d)
            for (std::size_t x = 0; x <= d; ++x) {
                std::size_t y = d - x;
                if (i + x > a.size() || j + y > b.size()) continue;
                bool end = i + x == a.size() && j + y == b.size();
                if (end || (i + x < a.size() && j + y < b.size() && agrees(i + x, j + y))) {
                    region(i, i + x, j, j + y);
                    i += x, j += y;
                    found = true;
                    break;
                }
            }
        if (!found) {  // no agreement nearby (a long run of changed lines): diff the next block alone
            std::size_t x = std::min(a.size() - i, kMaxSearch / 2), y = std::min(b.size() - j, kMaxSearch / 2);
            region(i, i + x, j, j + y);
            i += x, j += y;
        }
    }
    // Within each run of changes, removed lines come before added ones (as git and GNU diff show).
    for (std::size_t k = 0; k < out.size();) {
        std::size_t e = k;
        while (e < out.size() && out[e].first != ' ') ++e;
        std::stable_partition(out.begin() + static_cast<long>(k), out.begin() + static_cast<long>(e),
                              [](const auto& step) { return step.first == '-'; });
        k = e == k ? k + 1 : e;
    }
    return out;
}
}  // namespace

std::string unifiedDiff(const std::string& path, const std::string& before, const std::string& after) {
    if (before == after) return {};
    std::vector<std::string> a = splitKeepEnds(before), b = splitKeepEnds(after);
    auto script = lineScript(a, b);
    std::ostringstream out;
    std::string sep = !path.empty() && path[0] == '/' ? "" : "/";
    out << "--- a" << sep << path << "\n+++ b" << sep << path << "\n";
    // Hunks: changes with 3 lines of context, merged when their contexts touch. Line numbers are
    // counted forwards as hunks advance (one pass over the script).
    constexpr std::size_t kContext = 3;
    std::size_t n = script.size(), k = 0, pos = 0, aLine = 1, bLine = 1;
    while (k < n) {
        while (k < n && script[k].first == ' ') ++k;
        if (k == n) break;
        std::size_t begin = k >= kContext ? k - kContext : 0, last = k, end = k;
        for (; end < n; ++end) {
            if (script[end].first != ' ') last = end;
            else if (end - last > 2 * kContext) break;
        }
        end = std::min(n, last + 1 + kContext);
        for (; pos < begin; ++pos) {
            if (script[pos].first != '+') ++aLine;
            if (script[pos].first != '-') ++bLine;
        }
        std::size_t aCount = 0, bCount = 0;
        for (std::size_t t = begin; t < end; ++t) {
            if (script[t].first != '+') ++aCount;
            if (script[t].first != '-') ++bCount;
        }
        out << "@@ -" << (aCount ? aLine : aLine - 1) << "," << aCount << " +" << (bCount ? bLine : bLine - 1) << ","
            << bCount << " @@\n";
        for (std::size_t t = begin; t < end; ++t) emitLine(out, script[t].first, *script[t].second);
        k = end;
    }
    return out.str();
}

void countLineChanges(const std::string& before, const std::string& after, int& added, int& removed) {
    added = removed = 0;
    if (before == after) return;
    std::vector<std::string> a = splitKeepEnds(before), b = splitKeepEnds(after);
    for (const auto& step : lineScript(a, b)) {
        if (step.first == '+') ++added;
        else if (step.first == '-') ++removed;
    }
}

}  // namespace anymig
