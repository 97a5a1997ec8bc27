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
    return std::none_of(edits_.begin(), edits_.end(), [&](const Edit& e) { return conflicts(e, edit); });
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

std::string EditSet::apply(std::string_view text) const {
    std::string out;
    out.reserve(text.size() + 64);
    std::size_t at = 0;
    for (const Edit& e : edits_) {
        std::size_t b = std::min(e.begin, text.size()), en = std::min(e.end, text.size());
        if (b < at) continue;  // cannot happen for accepted edits
        out.append(text.substr(at, b - at));
        out.append(e.replacement);
        at = en;
    }
    out.append(text.substr(at));
    return out;
}

}  // namespace anymig
