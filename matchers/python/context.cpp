#include "matchers/python/context.h"

#include <algorithm>
#include <cstdlib>

#include "core/rule.h"
#include "matchers/python/rule.h"

namespace anymig::python {

std::optional<Version> Version::parse(std::string_view t) {
    Version v;
    std::size_t dot = t.find('.');
    std::string a(t.substr(0, dot)), b(dot == std::string_view::npos ? "0" : std::string(t.substr(dot + 1)));
    if (b.find('.') != std::string::npos) b = b.substr(0, b.find('.'));
    auto digits = [](const std::string& s) {
        return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!digits(a) || !digits(b)) return std::nullopt;
    v.major = std::atoi(a.c_str());
    v.minor = std::atoi(b.c_str());
    return v;
}

TSNode CallArgs::keyword(std::string_view name, const Syntax& syntax) const {
    for (TSNode k : keywords)
        if (syntax.text(field(k, "name")) == name) return k;
    return TSNode{};
}

Context::Context(const Syntax& syn, const Model& mod, const Settings& set, Analysis& out, const std::string* original,
                 std::map<std::string, std::string>* notes)
    : syntax(syn), model(mod), source(syn.source()), settings(set), originalText(original), roundNotes(notes), out_(out) {}

Version Context::version(const PackOption& option) const {
    if (auto v = Version::parse(settings.get(option))) return *v;
    return Version::parse(option.fallback).value_or(Version{});
}

CallArgs Context::args(TSNode list) const {
    CallArgs a;
    if (!is(list, "argument_list")) {
        if (!isNull(list)) a.positional.push_back(list);  // a bare generator argument: f(x for x in y)
        return a;
    }
    for (TSNode c : namedChildren(list)) {
        std::string_view t = type(c);
        if (t == "keyword_argument") a.keywords.push_back(c);
        else if (t == "list_splat") a.hasStar = true;
        else if (t == "dictionary_splat") a.hasDoubleStar = true;
        else if (t == "comment") a.hasComment = true;
        else a.positional.push_back(c);
    }
    return a;
}

std::string Context::canonical(const std::string& qualified) const {
    if (aliases)
        for (const auto& [prefix, same] : *aliases)
            if (qualified.rfind(prefix, 0) == 0) return same + qualified.substr(prefix.size());
    return qualified;
}

std::vector<CallSite> Context::callsTo(const std::vector<std::string_view>& names) const {
    std::vector<CallSite> out;
    for (const Reference& r : model.references()) {
        if (std::find(names.begin(), names.end(), r.qualified) == names.end() &&
            std::find(names.begin(), names.end(), canonical(r.qualified)) == names.end())
            continue;
        TSNode parent = syntax.parent(r.node);
        if (!is(parent, "call") || !sameNode(field(parent, "function"), r.node)) continue;
        out.push_back(CallSite{parent, r.node, field(parent, "arguments"), &r, r.qualified});
    }
    return out;
}

TSNode Context::statementOf(TSNode n) const {
    for (TSNode cur = n; !isNull(cur); cur = syntax.parent(cur)) {
        TSNode p = syntax.parent(cur);
        if (isNull(p) || is(p, "block") || is(p, "module")) return cur;
    }
    return n;
}

std::string Context::indentAt(std::size_t offset) const {
    Position p = source.position(offset);
    std::string_view line = source.lineText(p.line);
    std::size_t n = 0;
    while (n < line.size() && (line[n] == ' ' || line[n] == '\t')) ++n;
    return std::string(line.substr(0, n));
}

bool Context::flagAssumed(const std::string& name, bool& value) const {
    auto it = settings.flags.find(name);
    if (it == settings.flags.end()) return false;
    value = it->second;
    return true;
}

bool Context::consumed(std::size_t begin, std::size_t end) const { return out_.edits.replaces(begin, end); }

namespace {

bool onlySpace(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

// True when the edit lays lines out anew: it writes or removes a line break, or it changes a
// line's indentation (whitespace inserted or removed in front of the line's first token).
bool relaysLines(const SourceFile& src, const Edit& e) {
    std::string_view old = std::string_view(src.text()).substr(e.begin, e.end - e.begin);
    if (e.replacement.find('\n') != std::string::npos || old.find('\n') != std::string_view::npos) return true;
    std::size_t lineStart = src.lineStart(src.position(e.begin).line);
    bool inIndent = onlySpace(std::string_view(src.text()).substr(lineStart, e.begin - lineStart));
    return inIndent && onlySpace(e.replacement) && onlySpace(old) && (e.begin != e.end || !e.replacement.empty());
}

}  // namespace

bool Context::tryAdd(std::vector<Edit> edits, bool layoutCheck) {
    // All of a fix's edits are accepted, or none: they must fit the set and each other.
    for (std::size_t i = 0; i < edits.size(); ++i) {
        if (!out_.edits.fits(edits[i])) return false;
        for (std::size_t j = 0; j < i; ++j)
            if (conflicts(edits[i], edits[j])) return false;
    }
    // Two fixes that each lay out lines (a wrapping `with`/task group re-indenting a block, a
    // statement split over lines) compose only through rounds: when their lines overlap, the
    // later one waits for the next round and is computed again from the re-laid text, so no fix
    // ever writes indentation that another fix in the same round changes.
    int first = 0, last = -1;
    bool relays = false;
    for (const Edit& e : edits) {
        if (!relaysLines(source, e)) continue;
        int a = source.position(e.begin).line, b = source.position(e.end).line;
        first = relays ? std::min(first, a) : a;
        last = relays ? std::max(last, b) : b;
        relays = true;
    }
    if (relays && layoutCheck) {
        for (const Edit& e : edits) {
            first = std::min(first, source.position(e.begin).line);
            last = std::max(last, source.position(e.end).line);
        }
        auto it = relaidLines_.upper_bound(last);
        if (it != relaidLines_.begin() && std::prev(it)->second >= first) return false;
        relaidLines_[first] = last;
    }
    for (Edit& e : edits) out_.edits.add(std::move(e));
    return true;
}

bool Context::suppressed(const anymig::RuleInfo& rule, TSNode site) const {
    for (int line : {rowOf(site), endRowOf(site)}) {
        std::string_view t = source.lineText(line);
        std::size_t hash = t.find('#');
        while (hash != std::string_view::npos) {
            std::string_view c = t.substr(hash + 1);
            std::size_t k = c.find("anymig: ignore");
            if (k == std::string_view::npos) k = c.find("anymig:ignore");
            if (k != std::string_view::npos) {
                std::string_view rest = c.substr(c.find("ignore", k) + 6);
                if (rest.empty() || rest[0] != '[') return true;  // bare form: every rule
                std::string_view list = rest.substr(1, rest.find(']') == std::string_view::npos ? rest.size()
                                                                                                 : rest.find(']') - 1);
                std::size_t start = 0;
                while (start <= list.size()) {
                    std::size_t comma = list.find(',', start);
                    std::string_view item = list.substr(start, comma == std::string_view::npos ? list.size() - start
                                                                                                : comma - start);
                    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
                    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
                    if (item == rule.id || item == rule.name) return true;
                    if (comma == std::string_view::npos) break;
                    start = comma + 1;
                }
                return false;
            }
            hash = t.find('#', hash + 1);
        }
    }
    return false;
}

Diagnostic Context::makeDiagnostic(const anymig::RuleInfo& rule, TSNode site, SiteStatus status,
                                   std::string message) const {
    Diagnostic d;
    d.ruleId = std::string(rule.id);
    d.ruleName = std::string(rule.name);
    d.category = std::string(rule.category);
    d.status = status;
    d.path = source.path();
    d.begin = source.position(beginOf(site));
    d.end = source.position(endOf(site));
    d.message = std::move(message);
    d.before = str(site);
    return d;
}

namespace {
// The claim with the greatest begin <= b; with no claim inside another it has the greatest end.
bool coveredBy(const std::map<std::size_t, std::size_t>& claims, std::size_t b, std::size_t e) {
    auto it = claims.upper_bound(b);
    return it != claims.begin() && std::prev(it)->second >= e;
}
}  // namespace

void Context::claim(TSNode site) {
    std::size_t b = beginOf(site), e = endOf(site);
    if (coveredBy(claims_, b, e)) return;  // adds nothing
    // Drop the claims the new one contains: they start at or after b and (ends grow) end first.
    auto it = claims_.lower_bound(b);
    while (it != claims_.end() && it->second <= e) it = claims_.erase(it);
    claims_[b] = e;
}

bool Context::claimed(const Reference& ref) const { return coveredBy(claims_, beginOf(ref.node), endOf(ref.node)); }

void Context::fixed(const anymig::RuleInfo& rule, TSNode site, std::string message, Fix fix) {
    claim(site);
    if (suppressed(rule, site)) {
        out_.diagnostics.push_back(makeDiagnostic(rule, site, SiteStatus::Suppressed, std::move(message)));
        return;
    }
    const Scope* scope = model.scopeOf(site);
    for (const std::string& entry : fix.imports) {
        // "module" binds the name `module`; "module as alias" (an aliased import) binds `alias`.
        std::size_t as = entry.find(" as ");
        std::string m = entry.substr(0, as), name = as == std::string::npos ? m : entry.substr(as + 4);
        if (!model.nameAvailableFor(scope, name, m)) {
            out_.diagnostics.push_back(makeDiagnostic(
                rule, site, SiteStatus::NeedsReview,
                message + " — not rewritten: `" + name + "` is bound to something else here"));
            return;
        }
    }
    Diagnostic d = makeDiagnostic(rule, site, SiteStatus::Fixed, std::move(message));
    // The site's text after the fix, for reports.
    std::size_t b = beginOf(site), e = endOf(site);
    std::string after;
    std::size_t at = b;
    std::vector<Edit> inside;
    for (const Edit& ed : fix.edits)
        if (ed.begin >= b && ed.end <= e) inside.push_back(ed);
    std::sort(inside.begin(), inside.end(), [](const Edit& x, const Edit& y) { return x.begin < y.begin; });
    for (const Edit& ed : inside) {
        after.append(source.text(), at, ed.begin - at);
        after += ed.replacement;
        at = ed.end;
    }
    after.append(source.text(), at, e - at);
    d.after = std::move(after);
    for (Edit& ed : fix.edits) ed.ruleId = d.ruleId;
    // Fixing one site only (the language server's per-site action): every other fix, and in
    // later rounds every fix, is held back; the import rule still adds and removes imports.
    std::string only = settings.get(kOnlySiteKey);
    if (!only.empty() && (originalText || only != siteKey(d))) {
        d.deferred = true;
        out_.diagnostics.push_back(std::move(d));
        return;
    }
    if (tryAdd(fix.edits)) {
        for (const std::string& m : fix.imports) neededImports_[m]++;
        accepted_.push_back(AcceptedFix{d.ruleId, site, out_.diagnostics.size(), fix.edits, fix.imports, false});
    } else {
        d.deferred = true;
    }
    out_.diagnostics.push_back(std::move(d));
}

const Semantics& Context::semantics() const {
    if (!semantics_) semantics_ = std::make_unique<Semantics>(syntax, model);
    return *semantics_;
}

bool Context::fixedThisRound(TSNode n) const {
    return std::any_of(accepted_.begin(), accepted_.end(),
                       [&](const AcceptedFix& f) { return !f.retracted && contains(f.site, n); });
}

void Context::noteOnFix(std::size_t index, const std::string& suffix) {
    out_.diagnostics.at(accepted_.at(index).diagnostic).message += suffix;
}

void Context::retract(std::size_t index, SiteStatus status, std::string message, bool appendMessage) {
    AcceptedFix& f = accepted_.at(index);
    if (f.retracted) return;
    f.retracted = true;
    auto same = [](const Edit& a, const Edit& b) {
        return a.begin == b.begin && a.end == b.end && a.replacement == b.replacement && a.ruleId == b.ruleId;
    };
    // Rebuild the set without this fix's edits (one of each: another fix may have an identical edit).
    std::vector<Edit> left = f.edits;
    EditSet kept;
    for (const Edit& e : out_.edits.edits()) {
        auto it = std::find_if(left.begin(), left.end(), [&](const Edit& x) { return same(x, e); });
        if (it != left.end()) left.erase(it);
        else kept.add(e);
    }
    out_.edits = std::move(kept);
    for (const std::string& m : f.imports)
        if (--neededImports_[m] <= 0) neededImports_.erase(m);
    Diagnostic& d = out_.diagnostics.at(f.diagnostic);
    d.status = status;
    d.message = appendMessage ? d.message + message : std::move(message);
    d.after.clear();
}

void Context::flag(const anymig::RuleInfo& rule, TSNode site, SiteStatus status, std::string message,
                   std::string category) {
    // A flagged call is left as written, so only its callee is accounted for: calls inside its
    // arguments are sites of their own (a shield inside a kept gather is still reported).
    claim(is(site, "call") ? field(site, "function") : site);
    if (suppressed(rule, site)) status = SiteStatus::Suppressed;
    Diagnostic d = makeDiagnostic(rule, site, status, std::move(message));
    if (!category.empty()) d.category = std::move(category);
    out_.diagnostics.push_back(std::move(d));
}

}  // namespace anymig::python
