#include "core/edit.h"

#include <algorithm>

namespace anymig {

bool conflicts(const Edit& a, const Edit& b) {
    bool aIns = a.begin == a.end, bIns = b.begin == b.end;
    if (aIns && bIns) return false;  // both insert: kept in order
    if (aIns) return b.begin < a.begin && a.begin < b.end;
    if (bIns) return a.begin < b.begin && b.begin < a.end;
    return a.begin < b.end && b.begin < a.end;
}

bool EditSet::fits(const Edit& edit) const {
    if (edit.end < edit.begin) return false;
    // Accepted edits are disjoint and sorted by begin, so only the ones starting before edit.end,
    // scanned backwards until one starts at or before edit.begin, can conflict: O(log n), not a
    // scan of every edit (which made 100,000-site files quadratic).
    auto it = std::lower_bound(edits_.begin(), edits_.end(), edit.end,
                               [](const Edit& x, std::size_t end) { return x.begin < end; });
    while (it != edits_.begin()) {
        --it;
        if (conflicts(*it, edit)) return false;
        if (it->begin <= edit.begin && (it->begin == it->end || it->end <= edit.begin)) break;
    }
    return true;
}

bool EditSet::replaces(std::size_t begin, std::size_t end) const {
    // Replacements are disjoint: only the last one starting at or before `begin` can cover it.
    auto it = std::upper_bound(edits_.begin(), edits_.end(), begin,
                               [](std::size_t b, const Edit& x) { return b < x.begin; });
    while (it != edits_.begin()) {
        --it;
        if (it->begin < it->end) return end <= it->end;
    }
    return false;
}

bool EditSet::add(Edit edit) {
    if (!fits(edit)) return false;
    // Stable position: after every edit that starts before it, or starts at the same point
    // (insertions at one point keep their order; an insertion goes before a replacement there).
    auto pos = std::upper_bound(edits_.begin(), edits_.end(), edit, [](const Edit& x, const Edit& y) {
        if (x.begin != y.begin) return x.begin < y.begin;
        bool xIns = x.begin == x.end, yIns = y.begin == y.end;
        return xIns && !yIns;  // insertion sorts before a replacement at the same point
    });
    edits_.insert(pos, std::move(edit));
    return true;
}

void EditSet::adaptLineEndings(std::string_view text) {
    std::vector<std::size_t> breaks;  // offsets of every '\n'
    bool crlf = false, lf = false;
    for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1)) {
        breaks.push_back(i);
        (i > 0 && text[i - 1] == '\r' ? crlf : lf) = true;
    }
    if (!crlf || !lf) return;  // one ending throughout: the rules already use it
    for (Edit& e : edits_) {
        if (e.replacement.find('\n') == std::string::npos) continue;
        auto it = std::lower_bound(breaks.begin(), breaks.end(), e.end);
        if (it == breaks.end()) --it;  // the last line has no ending: take the one before it
        std::string_view ending = *it > 0 && text[*it - 1] == '\r' ? "\r\n" : "\n";
        std::string out;
        out.reserve(e.replacement.size() + 8);
        for (std::size_t i = 0; i < e.replacement.size(); ++i) {
            char c = e.replacement[i];
            if (c == '\r' && i + 1 < e.replacement.size() && e.replacement[i + 1] == '\n') continue;
            if (c == '\n') out += ending;
            else out += c;
        }
        e.replacement = std::move(out);
    }
}

std::string EditSet::apply(std::string_view text) const { return applyEdits(text, edits_); }

std::string applyEdits(std::string_view text, const std::vector<Edit>& edits) {
    std::string out;
    out.reserve(text.size() + 64);
    std::size_t at = 0;
    for (const Edit& e : edits) {
        std::size_t b = std::min(e.begin, text.size()), en = std::min(e.end, text.size());
        if (b < at) continue;  // cannot happen for accepted edits
        out.append(text.substr(at, b - at));
        out.append(e.replacement);
        at = en;
    }
    out.append(text.substr(at));
    return out;
}

namespace {

void addRule(std::string& rules, const std::string& rule) {
    if (rule.empty() || ("," + rules + ",").find("," + rule + ",") != std::string::npos) return;
    rules += (rules.empty() ? "" : ",") + rule;
}

}  // namespace

std::vector<Edit> composeEdits(const std::vector<Edit>& earlier, std::string_view between,
                               const std::vector<Edit>& later) {
    // Every edit as a span of `between`: an earlier one covers the text it wrote.
    struct Span {
        std::size_t begin, end;
        const Edit* earlier;  // or null: a later edit
        const Edit* later;
    };
    std::vector<Span> spans;
    spans.reserve(earlier.size() + later.size());
    std::size_t ei = 0, li = 0;
    long long shift = 0;  // between - original, before the next earlier edit
    while (ei < earlier.size() || li < later.size()) {  // a merge of two sorted lists
        const Edit* c = ei < earlier.size() ? &earlier[ei] : nullptr;
        std::size_t cb = c ? static_cast<std::size_t>(static_cast<long long>(c->begin) + shift) : 0;
        if (c && (li == later.size() || cb <= later[li].begin)) {
            spans.push_back({cb, cb + c->replacement.size(), c, nullptr});
            shift += static_cast<long long>(c->replacement.size()) - static_cast<long long>(c->end - c->begin);
            ++ei;
        } else {
            spans.push_back({later[li].begin, later[li].end, nullptr, &later[li]});
            ++li;
        }
    }
    std::vector<Edit> out;
    long long before = 0;  // between - original, before the current group
    for (std::size_t i = 0; i < spans.size();) {
        // A group: spans that overlap or touch, so one original range maps to one result.
        std::size_t gb = spans[i].begin, ge = spans[i].end, j = i;
        long long delta = 0;
        Edit merged;
        std::string& text = merged.replacement;
        std::size_t at = gb;
        for (; j < spans.size() && spans[j].begin <= ge; ++j) {
            ge = std::max(ge, spans[j].end);
            if (const Edit* c = spans[j].earlier) {
                delta += static_cast<long long>(c->replacement.size()) - static_cast<long long>(c->end - c->begin);
                addRule(merged.ruleId, c->ruleId);
            } else {
                const Edit& l = *spans[j].later;
                text.append(between.substr(at, l.begin - at));
                text += l.replacement;
                at = l.end;
                addRule(merged.ruleId, l.ruleId);
            }
        }
        text.append(between.substr(at, ge - at));
        merged.begin = static_cast<std::size_t>(static_cast<long long>(gb) - before);
        merged.end = static_cast<std::size_t>(static_cast<long long>(ge) - before - delta);
        before += delta;  // the later edits move nothing between `between` and the original
        out.push_back(std::move(merged));
        i = j;
    }
    return out;
}

}  // namespace anymig
