#include "matchers/python/frontend.h"
#include "matchers/python/layout.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>

#include "matchers/python/model.h"
#include "matchers/python/parse_view.h"
#include "matchers/python/syntax.h"

namespace anymig::python {

PythonFrontend::PythonFrontend(std::vector<const PyRule*> rules, FrontendConfig config, RoundCheck check,
                               Summarizer summarize, RoundSummarizer summarizeRound)
    : rules_(std::move(rules)), config_(std::move(config)), check_(std::move(check)),
      summarize_(std::move(summarize)), summarizeRound_(std::move(summarizeRound)) {}

bool PythonFrontend::mayNeedWork(std::string_view text, const Settings& settings) const {
    for (const std::string& t : config_.triggers)
        if (text.find(t) != std::string_view::npos) return true;
    for (const auto& [flag, value] : settings.flags)
        if (text.find(flag) != std::string_view::npos) return true;
    return false;
}

static std::size_t countOccurrences(std::string_view hay, std::string_view word) {
    std::size_t n = 0;
    for (std::size_t p = hay.find(word); p != std::string_view::npos; p = hay.find(word, p + word.size())) ++n;
    return n;
}

namespace {

using Range = std::pair<std::size_t, std::size_t>;

// Top-level statements that contain an error node (byte ranges, with their first line).
std::vector<std::pair<Range, int>> brokenStatements(const Syntax& syntax) {
    std::vector<std::pair<Range, int>> out;
    for (TSNode c : children(syntax.root()))
        if (ts_node_has_error(c) || is(c, "ERROR") || ts_node_is_missing(c))
            out.push_back({{beginOf(c), endOf(c)}, rowOf(c)});
    return out;
}

// The text of every ERROR node and the type of every MISSING one, in document order
// (iterative: no recursion on the input's depth; only subtrees with errors are entered).
std::vector<std::string> errorNodeTexts(const Syntax& syntax) {
    std::vector<std::string> out;
    std::vector<TSNode> stack{syntax.root()};
    while (!stack.empty()) {
        TSNode n = stack.back();
        stack.pop_back();
        if (ts_node_is_missing(n)) out.push_back(std::string("missing ") + ts_node_type(n));
        else if (is(n, "ERROR")) out.push_back(std::string(syntax.text(n)));
        if (!ts_node_has_error(n)) continue;
        auto kids = children(n);
        for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back(*it);
    }
    return out;
}

int brokenLine(const std::vector<std::pair<Range, int>>& broken, const Edit& e) {
    for (const auto& [r, line] : broken)
        if ((e.begin < r.second && r.first < e.end) || (r.first < e.begin && e.begin < r.second)) return line;
    return 0;
}

// --fix-broken-files: back out every fix that edits a top-level statement with an error node.
void retractBroken(Context& ctx, const std::vector<std::pair<Range, int>>& broken) {
    for (std::size_t i = 0; i < ctx.acceptedFixes().size(); ++i) {
        const AcceptedFix& f = ctx.acceptedFixes()[i];
        if (f.retracted) continue;
        for (const Edit& e : f.edits)
            if (int line = brokenLine(broken, e)) {
                ctx.retract(i, SiteStatus::KeptByPolicy,
                            " (not migrated: its top-level statement at line " + std::to_string(line) +
                                " has a syntax error)",
                            true);
                break;
            }
    }
}

// The imports or generated helpers landed in a broken statement: nothing is applied.
void dropAllIfBroken(Analysis& out, const std::vector<std::pair<Range, int>>& broken) {
    int line = 0;
    for (const Edit& e : out.edits.edits())
        if (!line) line = brokenLine(broken, e);
    if (!line) return;
    out.edits = EditSet{};
    for (Diagnostic& d : out.diagnostics)
        if (d.status == SiteStatus::Fixed) {
            d.status = SiteStatus::KeptByPolicy;
            d.message += " (not migrated: the imports it needs would go into the statement at line " +
                         std::to_string(line) + ", which has a syntax error)";
            d.after.clear();
        }
}

// The piecewise run's facts about the piece [range.first, range.second) of `syntax`: the names
// bound in the function scope holding it ("!name" when one of the bindings is an import or a
// definition), and every identifier in it plus the names a fix may insert.
PieceFacts pieceFacts(const Syntax& syntax, const Model& model, const FrontendConfig& config,
                      const std::pair<std::size_t, std::size_t>& range) {
    PieceFacts f;
    // The scope the pieces share: the innermost function around the piece's first identifier
    // that starts before the piece (a def or lambda inside the piece is its own).
    std::set<std::string> names;
    const Scope* scope = nullptr;
    for (TSNode id : syntax.nodesOfType("identifier")) {
        if (beginOf(id) < range.first || endOf(id) > range.second) continue;
        if (!scope) scope = model.scopeOf(id);
        names.emplace(syntax.text(id));
    }
    while (scope && !(scope->kind == ScopeKind::Function && beginOf(scope->node) < range.first)) scope = scope->parent;
    if (!scope || !scope->globals.empty() || !scope->nonlocals.empty()) return f;
    // An import inside a piece is the import rule's business across the module (which imports
    // are still used): the whole module decides.
    TSNode top = syntax.root();
    for (const char* type : {"import_statement", "import_from_statement", "future_import_statement"})
        for (TSNode n : syntax.nodesOfType(type, top))
            if (beginOf(n) >= range.first && beginOf(n) < range.second) return f;
    for (const auto& [name, bindings] : scope->bindings) {
        bool plain = std::all_of(bindings.begin(), bindings.end(), [&](const Binding& b) {
            if (b.kind == Binding::Kind::Import || ts_node_is_null(b.node)) return false;
            TSNode parent = syntax.parent(b.node);  // from the index: ts_node_parent walks from the root
            return !(is(parent, "function_definition") || is(parent, "class_definition"));
        });
        f.bound.push_back(plain ? name : "!" + name);
    }
    names.insert(config.mentionWord);
    for (const std::string& t : config.targetImports) names.insert(t.substr(0, t.find('.')));
    f.names.assign(names.begin(), names.end());
    f.ok = true;
    return f;
}

}  // namespace

void countTextMentions(const Syntax& syntax, const std::string& word, MentionCounts& counts) {
    for (TSNode n : syntax.nodesOfType("comment"))
        counts.comments += static_cast<int>(countOccurrences(syntax.text(n), word));
    for (TSNode n : syntax.nodesOfType("string"))
        counts.docstrings += static_cast<int>(countOccurrences(syntax.text(n), word));
}

bool PythonFrontend::importsTarget(const std::string& qualified) const {
    for (const std::string& t : config_.targetImports)
        if (qualified == t || qualified.rfind(t + ".", 0) == 0) return true;
    return false;
}

Analysis PythonFrontend::analyze(const SourceFile& source, const AnalysisOptions& options) const {
    Analysis out;
    Syntax syntax(source);
    out.syntaxError = syntax.syntaxError();
    Model model(syntax);
    static const Settings noSettings;
    Context ctx(syntax, model, options.settings ? *options.settings : noSettings, out, options.originalText,
                options.roundNotes);
    ctx.aliases = &config_.aliases;
    if (summaries_) {
        ctx.run = summaries_.get();
        ctx.package = packageNameOf(source.path());
    }
    // --fix-broken-files: edit only top-level statements without error nodes.
    std::vector<std::pair<Range, int>> broken;
    if (out.syntaxError && ctx.settings.get("fix-broken-files") == "1") {
        broken = brokenStatements(syntax);
        out.errorNodes = errorNodeTexts(syntax);
    }
    bool checked = false;
    auto checkRound = [&] {
        if (!broken.empty()) retractBroken(ctx, broken);
        if (check_) check_(ctx);  // the round's combination, before imports are placed for it
        checked = true;
    };
    for (const PyRule* rule : rules_) {
        // The pack's always-on rule (its import rule) runs even when not selected, and after
        // the round check.
        bool always = rule->info.id == config_.alwaysOnRule;
        if (always && !checked) checkRound();
        if (!always && options.rules && !options.rules->enabled(rule->info)) continue;
        runRule(*rule, ctx);
    }
    if (!checked) checkRound();
    if (!broken.empty()) dropAllIfBroken(out, broken);
    // Once the rules ask for nothing more, the lines the run wrote are laid out as the project's
    // formatter would (matchers/python/layout.h); the next round checks the result like any other.
    if (out.edits.empty() && !out.syntaxError && options.originalText && *options.originalText != source.text())
        for (Edit& e : layoutLongLines(syntax, *options.originalText, formatterLineLength(source.path())))
            out.edits.add(std::move(e));
    const std::string& legacy = config_.mentionWord;
    out.mentions.code = static_cast<int>(model.referencesTo(legacy).size());
    for (const auto& [name, bindings] : model.module().bindings)
        for (const Binding& b : bindings)
            if (b.kind == Binding::Kind::Import && importsTarget(b.qualified)) out.mentions.targetImports++;
    countTextMentions(syntax, legacy, out.mentions);
    if (options.pieceRange) out.piece = pieceFacts(syntax, model, config_, *options.pieceRange);
    return out;
}

std::optional<PieceSplit> PythonFrontend::splitPieces(std::string_view text, std::size_t pieceBytes) const {
    // The import rule reads `__all__` and the quoted names beside it anywhere in the text.
    if (text.find("__all__") != std::string_view::npos) return std::nullopt;
    static const bool anyBody = std::getenv("ANYMIG_PIECEWISE_ANY_BODY") != nullptr;
    std::optional<PieceCuts> cuts = pieceCuts(text, pieceBytes, anyBody);
    if (!cuts) return std::nullopt;
    return PieceSplit{std::move(cuts->cuts), cuts->tailBegin, std::string(cuts->indent, ' ') + "pass\n"};
}

namespace {

// PEP 263's `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)` on one line, scanned by hand: libstdc++'s
// std::regex matches `.*?` by recursion, one stack frame per character, so a 30 KB comment on
// line 1 overflowed the stack and ended the whole run.
std::string cookieIn(std::string_view line) {
    std::size_t i = line.find_first_not_of(" \t\f");
    if (i == std::string_view::npos || line[i] != '#') return {};
    auto nameChar = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
    };
    for (std::size_t at = line.find("coding", i + 1); at != std::string_view::npos; at = line.find("coding", at + 1)) {
        std::size_t k = at + 6;
        if (k >= line.size() || (line[k] != ':' && line[k] != '=')) continue;
        for (++k; k < line.size() && (line[k] == ' ' || line[k] == '\t'); ++k) {}
        std::size_t end = k;
        while (end < line.size() && nameChar(line[end])) ++end;
        if (end > k) return std::string(line.substr(k, end - k));
    }
    return {};
}

// `^[ \t\f]*(#.*)?$`: blank, or a comment.
bool blankOrComment(std::string_view line) {
    std::size_t i = line.find_first_not_of(" \t\f");
    return i == std::string_view::npos || line[i] == '#';
}

std::string_view lineAt(std::string_view text, std::size_t from) {
    std::size_t nl = text.find('\n', from);
    std::string_view line = text.substr(from, nl == std::string_view::npos ? std::string_view::npos : nl - from);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

}  // namespace

// PEP 263: a comment matching `coding[:=]\s*([-\w.]+)` on line 1, or on line 2 when line 1 is
// blank or a comment.
std::string PythonFrontend::declaredEncoding(std::string_view text) const {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") return {};  // a UTF-8 BOM decides
    std::string_view first = lineAt(text, 0);
    if (std::string c = cookieIn(first); !c.empty()) return c;
    std::size_t nl = text.find('\n');
    if (nl == std::string_view::npos || !blankOrComment(first)) return {};
    return cookieIn(lineAt(text, nl + 1));
}

std::optional<std::string> PythonFrontend::syntaxError(const SourceFile& source) const {
    return quickSyntaxError(source.text());
}

}  // namespace anymig::python
