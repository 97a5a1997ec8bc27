#include "core/piecewise.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace anymig {

std::size_t piecewiseThreshold() {
    static const std::size_t bytes = [] {
        constexpr std::size_t fallback = std::size_t(1) << 20;
        const char* v = std::getenv("ANYMIG_PIECEWISE_BYTES");
        if (!v || !*v) return fallback;
        char* end = nullptr;
        unsigned long long n = std::strtoull(v, &end, 10);
        return *end ? fallback : static_cast<std::size_t>(n);
    }();
    return bytes;
}

namespace {

int newlines(std::string_view s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

bool sameEdit(const Edit& a, const Edit& b) {
    return a.begin == b.begin && a.end == b.end && a.replacement == b.replacement && a.ruleId == b.ruleId &&
           a.tentative == b.tentative;
}

bool samePosition(const Position& a, const Position& b) { return a.line == b.line && a.column == b.column; }

bool sameDiagnostic(const Diagnostic& a, const Diagnostic& b) {
    return a.ruleId == b.ruleId && a.ruleName == b.ruleName && a.category == b.category && a.status == b.status &&
           a.path == b.path && samePosition(a.begin, b.begin) && samePosition(a.end, b.end) &&
           a.message == b.message && a.before == b.before && a.after == b.after && a.deferred == b.deferred;
}

MentionCounts& operator+=(MentionCounts& a, const MentionCounts& b) {
    a.code += b.code, a.comments += b.comments, a.docstrings += b.docstrings, a.targetImports += b.targetImports;
    return a;
}

enum Region { kHead = 0, kBody = 1, kTail = 2 };

// One diagnostic of one piece's analysis: its rule's place in the run order, its region, and the
// diagnostic at the whole module's lines.
struct Placed {
    std::size_t rule = 0;
    int region = kHead;
    Diagnostic d;
};

// The module as pieces: head + pieces[0] + ... + tail.
struct Texts {
    std::string head, tail;
    std::vector<std::string> pieces;
    std::string piece(std::size_t i) const { return head + pieces[i] + tail; }
    std::string whole() const {
        std::string out = head;
        for (const std::string& p : pieces) out += p;
        return out + tail;
    }
};

// One round over every piece, as one analysis of the whole module would give it.
struct Round {
    std::vector<Edit> head, tail;           // against the head, the tail
    std::vector<std::vector<Edit>> body;    // against each piece
    std::vector<Diagnostic> diagnostics;    // in the whole module's order and lines
    MentionCounts mentions;                 // the pieces' sum (head and tail counted per piece)
    bool anyEdits = false, anyTentative = false, anyDeferred = false;
};

void dropTentative(Round& r) {
    auto drop = [](std::vector<Edit>& edits) {
        edits.erase(std::remove_if(edits.begin(), edits.end(), [](const Edit& e) { return e.tentative; }), edits.end());
    };
    drop(r.head);
    drop(r.tail);
    r.anyEdits = !r.head.empty() || !r.tail.empty();
    for (std::vector<Edit>& b : r.body) {
        drop(b);
        r.anyEdits = r.anyEdits || !b.empty();
    }
    r.anyTentative = false;
}

Texts applied(const Texts& t, const Round& r) {
    Texts out;
    out.head = applyEdits(t.head, r.head);
    out.tail = applyEdits(t.tail, r.tail);
    out.pieces.reserve(t.pieces.size());
    for (std::size_t i = 0; i < t.pieces.size(); ++i) out.pieces.push_back(applyEdits(t.pieces[i], r.body[i]));
    return out;
}

class Piecewise {
public:
    // `text` (the module as read) and `split` outlive this object.
    Piecewise(const Frontend& fe, const std::string& path, const RunOptions& options, const std::string& text,
              const PieceSplit& split, std::vector<std::string> rules)
        : fe_(fe), path_(path), options_(options), text_(text), split_(split), rules_(std::move(rules)),
          notes_(split.cuts.size()) {}
    // Why the last analyze() returned nullopt.
    const std::string& why() const { return why_; }

    // Every piece's analysis of `t` (the original in round 0), or nullopt when the pieces cannot
    // stand for the whole module (see piecewise.h).
    std::optional<Round> analyze(const Texts& t, bool first) {
        const std::size_t n = t.pieces.size();
        Round r;
        r.body.resize(n);
        std::vector<std::vector<Placed>> placed(n);
        std::vector<std::vector<Edit>> heads(n), tails(n);
        std::vector<std::vector<std::string>> bound(n), names(n);
        std::vector<int> lines(n);
        int total = 0;
        for (std::size_t i = 0; i < n; ++i) total += lines[i] = newlines(t.pieces[i]);
        const int headLines = newlines(t.head);
        int before = 0;  // lines of the pieces before this one
        if (first) neutral_.assign(n, false);
        std::size_t reference = n;  // the first piece that is not neutral (see below)
        std::vector<bool> quiet(n, false);
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t hb = t.head.size(), be = hb + t.pieces[i].size();
            const std::pair<std::size_t, std::size_t> range{hb, be};
            std::string originalText;
            AnalysisOptions aopts{&options_.rules, &options_.settings, nullptr, &notes_[i], &range};
            if (!first) {
                originalText = originalPiece(i);
                aopts.originalText = &originalText;
            }
            Analysis a = fe_.analyze(SourceFile(path_, t.piece(i)), aopts);
            if (a.syntaxError) return fail("a piece has a syntax error");
            if (!a.piece || !a.piece->ok) return fail("the pieces' scope cannot be shared");
            for (const Edit& e : a.edits.edits()) {
                if (e.begin == e.end && (e.begin == hb || e.begin == be)) return fail("an insertion at a cut");
                if (e.end <= hb) {
                    heads[i].push_back(e);
                } else if (e.begin >= hb && e.end <= be) {
                    Edit local = e;
                    local.begin -= hb, local.end -= hb;
                    r.body[i].push_back(std::move(local));
                } else if (e.begin >= be) {
                    Edit local = e;
                    local.begin -= be, local.end -= be;
                    tails[i].push_back(std::move(local));
                } else {
                    return fail("an edit across a cut");
                }
            }
            if (!place(a.diagnostics, headLines, lines[i], before, total, placed[i])) return std::nullopt;  // says why
            // A piece that held no site when the run began and has none now is neutral: it
            // uses nothing of the legacy library (every reference is some rule's site, the
            // catch-all's at least) and imports nothing (PieceFacts::ok), so it adds nothing to
            // the module facts the head's rules read (which imports are needed, which are still
            // used); alone it sees none of the others' sites and edits the head as a module
            // without them would. Its head and tail findings are not the module's: the other
            // pieces' are.
            const bool silent = r.body[i].empty() && std::none_of(placed[i].begin(), placed[i].end(),
                                                                 [](const Placed& p) { return p.region == kBody; });
            if (first) neutral_[i] = silent;
            quiet[i] = silent;
            if (!(neutral_[i] && silent) && reference == n) reference = i;
            r.mentions += a.mentions;
            bound[i] = std::move(a.piece->bound);
            names[i] = std::move(a.piece->names);
            before += lines[i];
        }
        if (reference == n) reference = 0;  // all neutral: they must all agree
        auto counts = [&](std::size_t i) { return i == reference || !(neutral_[i] && quiet[i]); };
        for (std::size_t i = 0; i < n; ++i)
            if (counts(i) && (!std::equal(heads[i].begin(), heads[i].end(), heads[reference].begin(), heads[reference].end(), sameEdit) ||
                              !std::equal(tails[i].begin(), tails[i].end(), tails[reference].begin(), tails[reference].end(), sameEdit)))
                return fail("the pieces edit the head or tail differently");
        if (!sameEnds(placed, reference, counts)) return fail("the pieces report the head or tail differently");
        if (!namesResolveAlike(bound, names)) return fail("a name would resolve differently in a piece alone");
        r.head = std::move(heads[reference]);
        r.tail = std::move(tails[reference]);
        r.diagnostics = merge(placed, reference);
        auto note = [&r](const std::vector<Edit>& edits) {
            r.anyEdits = r.anyEdits || !edits.empty();
            for (const Edit& e : edits) r.anyTentative = r.anyTentative || e.tentative;
        };
        note(r.head);
        note(r.tail);
        for (const std::vector<Edit>& b : r.body) note(b);
        for (const Diagnostic& d : r.diagnostics) r.anyDeferred = r.anyDeferred || d.deferred;
        return r;
    }

    // The module's mention counts from the pieces' sum: the head and tail are in every piece.
    MentionCounts mentions(const Texts& t, const Round& r) const {
        AnalysisOptions aopts{&options_.rules, &options_.settings};
        Analysis ends = fe_.analyze(SourceFile(path_, t.head + split_.filler + t.tail), aopts);
        const int extra = static_cast<int>(t.pieces.size()) - 1;
        MentionCounts m = r.mentions;
        m.code -= extra * ends.mentions.code;
        m.comments -= extra * ends.mentions.comments;
        m.docstrings -= extra * ends.mentions.docstrings;
        m.targetImports -= extra * ends.mentions.targetImports;
        return m;
    }

private:
    std::nullopt_t fail(std::string why) const {
        why_ = std::move(why);
        return std::nullopt;
    }
    bool failed(std::string why) const {
        why_ = std::move(why);
        return false;
    }

    // Places a piece's diagnostics (head, piece or tail; their lines the whole module's); false
    // for a rule that is not piece-local, a diagnostic across a cut, or an order the whole
    // module's analysis would not give.
    bool place(const std::vector<Diagnostic>& diagnostics, int headLines, int lines, int before, int total,
               std::vector<Placed>& out) const {
        auto regionOf = [&](int line) { return line <= headLines ? kHead : line <= headLines + lines ? kBody : kTail; };
        for (const Diagnostic& d : diagnostics) {
            auto rule = std::find(rules_.begin(), rules_.end(), d.ruleId);
            if (rule == rules_.end()) return failed("a site of " + d.ruleId + ", not a piece-local rule");
            int region = regionOf(d.begin.line);
            int endLine = d.end.column == 1 && d.end.line > d.begin.line ? d.end.line - 1 : d.end.line;
            if (regionOf(endLine) != region) return failed("a site across a cut");
            Placed p{static_cast<std::size_t>(rule - rules_.begin()), region, d};
            const int shift = region == kBody ? before : region == kTail ? total - lines : 0;
            p.d.begin.line += shift;
            p.d.end.line += shift;
            if (!out.empty() && std::make_pair(out.back().rule, out.back().region) > std::make_pair(p.rule, p.region))
                return failed("diagnostics out of the whole module's order");
            out.push_back(std::move(p));
        }
        return true;
    }

    // Every piece that counts says about the head and the tail what the reference piece says.
    template <class Counts>
    static bool sameEnds(const std::vector<std::vector<Placed>>& placed, std::size_t reference, Counts counts) {
        auto ends = [](const std::vector<Placed>& v) {
            std::vector<const Placed*> out;
            for (const Placed& p : v)
                if (p.region != kBody) out.push_back(&p);
            return out;
        };
        const std::vector<const Placed*> first = ends(placed[reference]);
        for (std::size_t i = 0; i < placed.size(); ++i) {
            if (!counts(i)) continue;
            std::vector<const Placed*> mine = ends(placed[i]);
            if (!std::equal(mine.begin(), mine.end(), first.begin(), first.end(), [](const Placed* a, const Placed* b) {
                    return a->rule == b->rule && a->region == b->region && sameDiagnostic(a->d, b->d);
                }))
                return false;
        }
        return true;
    }

    // A name a piece uses (or a fix may insert) resolves alike alone and in the whole module when
    // the piece binds it in the shared scope whenever another piece does (the bindings are then
    // the same kind: plain ones shadow the name), and when no two pieces bind it there if one of
    // them binds it by an import or a definition ("!name": their lists would differ).
    static bool namesResolveAlike(const std::vector<std::vector<std::string>>& bound,
                                  const std::vector<std::vector<std::string>>& names) {
        auto plain = [](const std::string& name) { return !name.empty() && name[0] == '!' ? name.substr(1) : name; };
        std::unordered_map<std::string, std::size_t> binders;  // how many pieces bind the name
        std::unordered_set<std::string> special;
        for (const std::vector<std::string>& b : bound)
            for (const std::string& name : b) {
                ++binders[plain(name)];
                if (!name.empty() && name[0] == '!') special.insert(plain(name));
            }
        for (std::size_t i = 0; i < names.size(); ++i) {
            std::unordered_set<std::string> mine;
            for (const std::string& name : bound[i]) mine.insert(plain(name));
            for (const std::string& name : names[i]) {
                auto it = binders.find(name);
                if (it == binders.end()) continue;
                if (!mine.count(name) || (special.count(name) && it->second > 1)) return false;
            }
        }
        return true;
    }

    // The whole module's list: rule by rule in run order, the head's (the reference piece's),
    // every piece's, the tail's (the reference piece's).
    std::vector<Diagnostic> merge(std::vector<std::vector<Placed>>& placed, std::size_t reference) const {
        std::vector<Diagnostic> out;
        std::vector<std::size_t> at(placed.size(), 0);
        for (std::size_t rule = 0; rule < rules_.size(); ++rule) {
            auto take = [&](std::size_t i, int region, bool keep) {
                while (at[i] < placed[i].size() && placed[i][at[i]].rule == rule && placed[i][at[i]].region == region) {
                    if (keep) out.push_back(std::move(placed[i][at[i]].d));
                    ++at[i];
                }
            };
            for (std::size_t i = 0; i < placed.size(); ++i) take(i, kHead, i == reference);
            for (std::size_t i = 0; i < placed.size(); ++i) take(i, kBody, true);
            for (std::size_t i = 0; i < placed.size(); ++i) take(i, kTail, i == reference);
        }
        return out;
    }

    const Frontend& fe_;
    const std::string& path_;
    const RunOptions& options_;
    // Piece i as read, with the head and tail as read (a rule tells what the user wrote from what
    // the earlier rounds made by it).
    std::string originalPiece(std::size_t i) const {
        const std::vector<std::size_t>& cuts = split_.cuts;
        const std::size_t end = i + 1 < cuts.size() ? cuts[i + 1] : split_.tailBegin;
        std::string out;
        out.reserve(cuts[0] + (end - cuts[i]) + (text_.size() - split_.tailBegin));
        out.append(text_, 0, cuts[0]).append(text_, cuts[i], end - cuts[i]).append(text_, split_.tailBegin);
        return out;
    }

    const std::string& text_;
    const PieceSplit& split_;
    const std::vector<std::string> rules_;
    std::vector<std::map<std::string, std::string>> notes_;  // each piece's round notes
    std::vector<bool> neutral_;  // held no site in the original (see analyze)
    mutable std::string why_;
};

// ANYMIG_PIECEWISE_TRACE set: one line on stderr per module the threshold selects, saying whether
// it ran piecewise (the tests check that their modules really do).
void trace(const std::string& path, const std::string& what) {
    static const bool on = std::getenv("ANYMIG_PIECEWISE_TRACE") != nullptr;
    if (on) std::fprintf(stderr, "piecewise: %s: %s\n", path.c_str(), what.c_str());
}

}  // namespace

std::optional<PiecewiseRun> runPiecewise(const Frontend& fe, const std::string& path, const std::string& text,
                                         const RunOptions& options) {
    const std::size_t threshold = piecewiseThreshold();
    if (threshold == 0 || text.size() < threshold || options.recordEdits ||
        options.settings.get("fix-broken-files") == "1")
        return std::nullopt;
    std::vector<std::string> rules = fe.pieceLocalRules();
    if (rules.empty()) return std::nullopt;
    std::optional<PieceSplit> split = fe.splitPieces(text, std::max<std::size_t>(1, threshold / 4));
    if (!split || split->cuts.size() < 2) {
        trace(path, "whole module (the front end does not cut it)");
        return std::nullopt;
    }
    Texts t;
    t.head = text.substr(0, split->cuts.front());
    t.tail = text.substr(split->tailBegin);
    for (std::size_t k = 0; k < split->cuts.size(); ++k)
        t.pieces.push_back(text.substr(split->cuts[k], (k + 1 < split->cuts.size() ? split->cuts[k + 1] : split->tailBegin) - split->cuts[k]));
    Piecewise pw(fe, path, options, text, *split, std::move(rules));
    std::optional<Round> analysis = pw.analyze(t, true);
    if (!analysis) {
        trace(path, "whole module (" + pw.why() + ")");
        return std::nullopt;
    }
    PiecewiseRun run;
    run.pieces = t.pieces.size();
    run.before = pw.mentions(t, *analysis);
    trace(path, std::to_string(run.pieces) + " pieces");
    if (options.mode == RunMode::Check) {
        run.after = run.before;
        run.remaining = std::move(analysis->diagnostics);
        return run;
    }
    // processText's rounds (core/runner.cpp), over the pieces.
    int round = 0;
    while (analysis->anyEdits && round < options.maxRounds) {
        ++round;
        for (const Diagnostic& d : analysis->diagnostics)
            if (d.status == SiteStatus::Fixed && !d.deferred) run.fixed.push_back(d);
        const bool guess = analysis->anyTentative && round < options.maxRounds && !analysis->anyDeferred;
        if (!guess && analysis->anyTentative) dropTentative(*analysis);
        Texts next = applied(t, *analysis);
        std::optional<Round> again = pw.analyze(next, false);
        if (guess && again && again->anyEdits) {
            dropTentative(*analysis);
            next = applied(t, *analysis);
            again = pw.analyze(next, false);
        }
        if (!again) {  // a piece would not parse, or cannot stand alone: the whole module decides
            trace(path, "whole module (round " + std::to_string(round + 1) + ": " + pw.why() + ")");
            return std::nullopt;
        }
        t = std::move(next);
        analysis = std::move(again);
    }
    run.rounds = round;
    run.settled = !analysis->anyEdits;
    run.after = pw.mentions(t, *analysis);
    run.remaining = std::move(analysis->diagnostics);
    run.result = t.whole();
    return run;
}

}  // namespace anymig
