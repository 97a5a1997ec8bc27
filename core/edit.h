// Text edits: replace [begin, end) with `replacement`. An EditSet refuses overlapping
// edits (a conflict) and applies the accepted ones in one pass, so every byte outside
// an edit is preserved exactly.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace anymig {

struct Edit {
    std::size_t begin = 0;
    std::size_t end = 0;  // exclusive; begin == end is an insertion
    std::string replacement;
    std::string ruleId;   // the rule that asked for it
    // Decided ahead of the text it depends on (the rewrite of the other edits of its round):
    // the runner keeps such edits only when the analysis of the result asks for nothing more,
    // else it redoes the round without them (see processText in core/runner.cpp).
    bool tentative = false;
};

// Two edits conflict when their ranges share a byte, or when both insert at the
// same point while one of them also replaces text there. Insertions at the same
// point are kept in the order they were added.
bool conflicts(const Edit& a, const Edit& b);

class EditSet {
public:
    // Adds the edit unless it conflicts with one already accepted; returns whether it was accepted.
    bool add(Edit edit);
    // True when `edit` could be added without conflict.
    bool fits(const Edit& edit) const;
    const std::vector<Edit>& edits() const { return edits_; }
    // True when an accepted edit replaces all of [begin, end) (binary search).
    bool replaces(std::size_t begin, std::size_t end) const;
    bool empty() const { return edits_.empty(); }
    std::size_t size() const { return edits_.size(); }
    // In a file that mixes CRLF and LF line endings, makes the line breaks in each replacement
    // the ending of the line the edit ends on, so inserted lines match their neighbours.
    void adaptLineEndings(std::string_view text);
    // Applies all accepted edits to `text` (which they were computed against).
    std::string apply(std::string_view text) const;

private:
    std::vector<Edit> edits_;  // kept sorted by (begin, end, insertion order)
};

// Composes two rounds of edits: `earlier` (disjoint, sorted, against the original text) made
// `between`; `later` (an EditSet's edits) are against `between`. Returns edits against the
// original text that give what `later` applied to `between` gives: edits that touch or overlap
// merge into one, whose ruleId lists their rules comma-separated. Linear in the edit count.
std::vector<Edit> composeEdits(const std::vector<Edit>& earlier, std::string_view between,
                               const std::vector<Edit>& later);

// Applies disjoint, sorted edits (as composeEdits returns) to `text`.
std::string applyEdits(std::string_view text, const std::vector<Edit>& edits);

}  // namespace anymig
