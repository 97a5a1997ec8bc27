#include "matchers/cpp/engine.h"

#include <algorithm>

#include <clang/AST/ExprCXX.h>
#include <clang/AST/ParentMapContext.h>
#include <clang/Basic/CharInfo.h>
#include <clang/Lex/Lexer.h>
#include <clang/Lex/MacroInfo.h>
#include <clang/Lex/PreprocessorOptions.h>
#include <clang/Lex/Token.h>

#include "core/edit.h"

namespace anymig::cpp {

using namespace clang;
using namespace clang::ast_matchers;

namespace {

// Forwards one rule's matches to it.
class RuleCallback : public MatchFinder::MatchCallback {
public:
    RuleCallback(CppRule* rule, Engine* engine) : rule_(rule), engine_(engine) {}
    void run(const MatchFinder::MatchResult& result) override { rule_->onMatch(result, *engine_); }

private:
    CppRule* rule_;
    Engine* engine_;
};

class CollectCallback : public MatchFinder::MatchCallback {
public:
    explicit CollectCallback(Engine* engine) : engine_(engine) {}
    void run(const MatchFinder::MatchResult& result) override { engine_->collect(result); }

private:
    Engine* engine_;
};

class EnginePP : public PPCallbacks {
public:
    EnginePP(Engine& engine, SourceManager& sm) : e_(engine), sm_(sm) {}

    void InclusionDirective(SourceLocation hash, const Token&, StringRef name, bool angled, CharSourceRange,
                            OptionalFileEntryRef file, StringRef, StringRef, const Module*, bool,
                            SrcMgr::CharacteristicKind) override {
        if (sm_.isWrittenInMainFile(hash)) e_.onInclude(hash, name, angled, file);
    }
    void If(SourceLocation loc, SourceRange cond, ConditionValueKind) override {
        e_.onConditional(CondDirective::If, loc, cond, loc);
    }
    void Elif(SourceLocation loc, SourceRange cond, ConditionValueKind, SourceLocation ifLoc) override {
        e_.onConditional(CondDirective::Elif, loc, cond, ifLoc);
    }
    void Ifdef(SourceLocation loc, const Token& tok, const MacroDefinition& md) override {
        e_.onConditional(CondDirective::Ifdef, loc, {}, loc, name(tok));
        use(tok, md);
    }
    void Ifndef(SourceLocation loc, const Token& tok, const MacroDefinition& md) override {
        e_.onConditional(CondDirective::Ifndef, loc, {}, loc, name(tok));
        use(tok, md);
    }
    void Elifdef(SourceLocation loc, const Token& tok, const MacroDefinition& md) override {
        e_.onConditional(CondDirective::Other, loc, {}, loc, name(tok));
    }
    void Elifndef(SourceLocation loc, const Token& tok, const MacroDefinition& md) override {
        e_.onConditional(CondDirective::Other, loc, {}, loc, name(tok));
    }
    void Else(SourceLocation loc, SourceLocation ifLoc) override {
        e_.onConditional(CondDirective::Else, loc, {}, ifLoc);
    }
    void Endif(SourceLocation loc, SourceLocation ifLoc) override {
        e_.onConditional(CondDirective::Endif, loc, {}, ifLoc);
    }
    void MacroExpands(const Token& tok, const MacroDefinition& md, SourceRange range, const MacroArgs*) override {
        use(tok, md);
    }
    void Defined(const Token& tok, const MacroDefinition& md, SourceRange) override { use(tok, md); }
    void MacroDefined(const Token& tok, const MacroDirective*) override {
        if (sm_.isWrittenInMainFile(tok.getLocation())) e_.onMacroDef(name(tok), tok.getLocation());
    }

private:
    static std::string name(const Token& tok) {
        const IdentifierInfo* ii = tok.getIdentifierInfo();
        return ii ? ii->getName().str() : std::string();
    }
    void use(const Token& tok, const MacroDefinition& md) {
        const MacroInfo* mi = md.getMacroInfo();
        if (!mi) return;
        SourceLocation at = sm_.getExpansionLoc(tok.getLocation());
        if (!sm_.isWrittenInMainFile(at)) return;
        e_.onMacroUse(name(tok), mi->getDefinitionLoc(), at);
    }

    Engine& e_;
    SourceManager& sm_;
};

// The decl a written type names, and the location of its name token.
const NamedDecl* namedTypeDecl(TypeLoc tl, SourceLocation* nameLoc) {
    if (auto el = tl.getAs<ElaboratedTypeLoc>()) tl = el.getNamedTypeLoc();
    if (auto t = tl.getAs<TemplateSpecializationTypeLoc>()) {
        *nameLoc = t.getTemplateNameLoc();
        TemplateName tn = t.getTypePtr()->getTemplateName();
        if (UsingShadowDecl* shadow = tn.getAsUsingShadowDecl()) return shadow->getTargetDecl();
        return tn.getAsTemplateDecl();
    }
    if (auto t = tl.getAs<TypedefTypeLoc>()) {
        *nameLoc = t.getNameLoc();
        return t.getTypedefNameDecl();
    }
    if (auto t = tl.getAs<RecordTypeLoc>()) {
        *nameLoc = t.getNameLoc();
        return t.getDecl();
    }
    if (auto t = tl.getAs<EnumTypeLoc>()) {
        *nameLoc = t.getNameLoc();
        return t.getDecl();
    }
    if (auto t = tl.getAs<UsingTypeLoc>()) {
        *nameLoc = t.getNameLoc();
        return t.getTypePtr()->getFoundDecl()->getTargetDecl();
    }
    return nullptr;
}

}  // namespace

// ------------------------------------------------------------------------------------------
// Helpers

const Expr* bare(const Expr* e) {
    while (e) {
        const Expr* next = e->IgnoreParenImpCasts();
        if (auto* c = dyn_cast<ExprWithCleanups>(next)) next = c->getSubExpr();
        else if (auto* m = dyn_cast<MaterializeTemporaryExpr>(next)) next = m->getSubExpr();
        else if (auto* b = dyn_cast<CXXBindTemporaryExpr>(next)) next = b->getSubExpr();
        else if (auto* c = dyn_cast<CXXConstructExpr>(next);
                 c && !isa<CXXTemporaryObjectExpr>(c) && c->getNumArgs() == 1 &&
                 (c->getConstructor()->isCopyOrMoveConstructor() || c->getParenOrBraceRange().isInvalid()))
            next = c->getArg(0);
        if (next == e) return e;
        e = next;
    }
    return e;
}

const NamedDecl* writtenTypeDecl(const Expr* e, SourceRange* nameRange) {
    e = bare(e);
    TypeSourceInfo* tsi = nullptr;
    if (auto* f = dyn_cast_or_null<CXXFunctionalCastExpr>(e)) tsi = f->getTypeInfoAsWritten();
    else if (auto* t = dyn_cast_or_null<CXXTemporaryObjectExpr>(e)) tsi = t->getTypeSourceInfo();
    if (!tsi) return nullptr;
    TypeLoc tl = tsi->getTypeLoc();
    SourceLocation nameLoc;
    const NamedDecl* d = namedTypeDecl(tl, &nameLoc);
    if (d && nameRange) *nameRange = SourceRange(tl.getBeginLoc(), nameLoc);
    return d;
}

const Stmt* parentStmt(ASTContext& ctx, const Stmt* s) {
    const Stmt* cur = s;
    for (int guard = 0; guard < 16; ++guard) {
        auto parents = ctx.getParents(*cur);
        if (parents.empty()) return nullptr;
        const Stmt* p = parents[0].get<Stmt>();
        if (!p) return nullptr;
        if (isa<ImplicitCastExpr>(p) || isa<ExprWithCleanups>(p) || isa<MaterializeTemporaryExpr>(p) ||
            isa<CXXBindTemporaryExpr>(p) || isa<ConstantExpr>(p)) {
            cur = p;
            continue;
        }
        return p;
    }
    return nullptr;
}

bool valueDiscarded(ASTContext& ctx, const Expr* e) {
    auto parents = ctx.getParents(*e);
    const Stmt* cur = e;
    for (int guard = 0; guard < 16 && !parents.empty(); ++guard) {
        if (parents[0].get<Decl>()) return false;
        const Stmt* p = parents[0].get<Stmt>();
        if (!p) return false;
        if (isa<ExprWithCleanups>(p) || isa<ImplicitCastExpr>(p)) {
            cur = p;
            parents = ctx.getParents(*p);
            continue;
        }
        if (isa<CompoundStmt>(p)) return true;
        if (auto* f = dyn_cast<ForStmt>(p)) return f->getBody() == cur || f->getInc() == cur;
        if (auto* w = dyn_cast<WhileStmt>(p)) return w->getBody() == cur;
        if (auto* d = dyn_cast<DoStmt>(p)) return d->getBody() == cur;
        if (auto* i = dyn_cast<IfStmt>(p)) return i->getThen() == cur || i->getElse() == cur;
        if (auto* r = dyn_cast<CXXForRangeStmt>(p)) return r->getBody() == cur;
        return false;
    }
    return false;
}

// ------------------------------------------------------------------------------------------
// Engine

Engine::Engine(const Settings* settings, std::function<bool(const RuleInfo&)> enabled, const std::vector<RuleEntry>& rules,
               LegacyLibrary legacy)
    : settings_(settings), enabled_(std::move(enabled)), legacy_(std::move(legacy)) {
    for (const RuleEntry& entry : rules) rules_.push_back(entry.make());
}

Engine::~Engine() = default;

void Engine::attach(SourceManager& sm, const LangOptions& lang, const PreprocessorOptions* pp) {
    sm_ = &sm;
    lang_ = &lang;
    buildMacros_.clear();
    if (pp)
        for (const auto& [macro, undef] : pp->Macros) {
            std::string name = macro.substr(0, macro.find('='));
            buildMacros_[name] = (undef ? "-U" : "-D") + macro;
        }
}

void Engine::registerMatchers(MatchFinder& finder) {
    auto collector = std::make_unique<CollectCallback>(this);
    finder.addMatcher(elaboratedTypeLoc(isExpansionInMainFile()).bind("am-etl"), collector.get());
    // The matcher does not reach the elaborated type under a qualifier (`const lib::mutex&`,
    // `const lib::function<void()>&`): match it from the qualified type location.
    finder.addMatcher(qualifiedTypeLoc(isExpansionInMainFile(), hasUnqualifiedLoc(elaboratedTypeLoc().bind("am-etl"))),
                      collector.get());
    finder.addMatcher(declRefExpr(isExpansionInMainFile()).bind("am-dre"), collector.get());
    finder.addMatcher(memberExpr(isExpansionInMainFile()).bind("am-mem"), collector.get());
    finder.addMatcher(usingDecl(isExpansionInMainFile()).bind("am-using"), collector.get());
    callbacks_.push_back(std::move(collector));
    for (auto& rule : rules_) {
        auto cb = std::make_unique<RuleCallback>(rule.get(), this);
        rule->registerMatchers(finder, cb.get());
        callbacks_.push_back(std::move(cb));
    }
}

std::unique_ptr<PPCallbacks> Engine::makePPCallbacks() { return std::make_unique<EnginePP>(*this, *sm_); }

std::string Engine::qualifiedName(const NamedDecl* d) {
    if (!d) return "";
    auto nameOf = [](const NamedDecl* nd) -> std::string {
        if (auto* s = dyn_cast<ClassTemplateSpecializationDecl>(nd)) return s->getSpecializedTemplate()->getNameAsString();
        return nd->getNameAsString();
    };
    std::vector<std::string> parts{nameOf(d)};
    for (const DeclContext* dc = d->getDeclContext(); dc; dc = dc->getParent()) {
        if (auto* ns = dyn_cast<NamespaceDecl>(dc)) {
            if (ns->isInline() || ns->isAnonymousNamespace()) continue;
            parts.push_back(ns->getNameAsString());
        } else if (auto* rd = dyn_cast<RecordDecl>(dc)) {
            parts.push_back(nameOf(rd));
        } else if (auto* ed = dyn_cast<EnumDecl>(dc)) {
            if (ed->isScoped()) parts.push_back(ed->getNameAsString());
        } else if (isa<TranslationUnitDecl>(dc) || isa<LinkageSpecDecl>(dc) || isa<ExternCContextDecl>(dc)) {
            continue;
        } else {
            return "";  // local to a function
        }
    }
    std::string out;
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
        if (!out.empty()) out += "::";
        out += *it;
    }
    return out;
}

bool Engine::isInLegacy(const Decl* d) const {
    const NamespaceDecl* outer = nullptr;
    for (const DeclContext* dc = d ? d->getDeclContext() : nullptr; dc; dc = dc->getParent())
        if (auto* ns = dyn_cast<NamespaceDecl>(dc)) outer = ns;
    if (auto* ns = dyn_cast_or_null<NamespaceDecl>(d)) {
        if (!outer) outer = ns;
    }
    return outer && outer->getName() == legacy_.ns;
}

void Engine::addRef(Ref ref) {
    if (ref.written.isInvalid() || !ref.decl) return;
    // Implicit type locations (a lambda's by-reference capture `[&seen]` carries the captured
    // variable's type, `lib::thread::id`, with its qualifier, at the capture) are not written
    // names: the spelled token must be the name, for the type and for each qualifier.
    if ((ref.kind == Ref::Type || ref.kind == Ref::Qualifier) && ref.decl->getDeclName().isIdentifier()) {
        SourceLocation at = sm_->getSpellingLoc(ref.written.getEnd());
        bool invalid = false;
        const char* p = sm_->getCharacterData(at, &invalid);
        llvm::StringRef name = ref.decl->getName();
        if (invalid || llvm::StringRef(p, name.size() + 1).drop_back() != name ||
            clang::isAsciiIdentifierContinue(p[name.size()]))
            return;
    }
    unsigned key = ref.written.getBegin().getRawEncoding() * 8u + ref.kind;
    // Template instantiations revisit the same written names; keep the first.
    if (!refKeys_.insert(key).second) return;
    refs_.push_back(std::move(ref));
}

// Long on purpose: one branch per kind of AST node the engine's matchers bind (type locs,
// declaration refs, member exprs, using declarations), each recording a Ref.
void Engine::collect(const MatchResult& result) {
    if (!ast_) ast_ = result.Context;
    auto qualifierRefs = [&](NestedNameSpecifierLoc q) {
        for (NestedNameSpecifierLoc p = q; p; p = p.getPrefix()) {
            if (!p.getNestedNameSpecifier()->getAsType()) continue;
            SourceLocation nameLoc;
            const NamedDecl* d = namedTypeDecl(p.getTypeLoc(), &nameLoc);
            if (!d || nameLoc.isInvalid()) continue;
            Ref r;
            r.kind = Ref::Qualifier;
            r.decl = d;
            r.qualName = qualifiedName(d);
            r.written = SourceRange(p.getBeginLoc(), nameLoc);
            r.inLegacy = isInLegacy(d);
            addRef(std::move(r));
        }
    };
    if (auto* tl = result.Nodes.getNodeAs<TypeLoc>("am-etl")) {
        auto el = tl->getAs<ElaboratedTypeLoc>();
        if (!el) return;
        SourceLocation nameLoc;
        const NamedDecl* d = namedTypeDecl(el.getNamedTypeLoc(), &nameLoc);
        if (d && nameLoc.isValid()) {
            Ref r;
            r.kind = Ref::Type;
            r.decl = d;
            r.qualName = qualifiedName(d);
            SourceLocation begin = el.getQualifierLoc() ? el.getQualifierLoc().getBeginLoc() : nameLoc;
            r.written = SourceRange(begin, nameLoc);
            r.inLegacy = isInLegacy(d);
            r.node = tl->getOpaqueData();
            addRef(std::move(r));
        }
        if (el.getQualifierLoc()) qualifierRefs(el.getQualifierLoc());
    } else if (auto* dre = result.Nodes.getNodeAs<DeclRefExpr>("am-dre")) {
        if (dre->getLocation().isInvalid()) return;
        // Operators (t.get_id() != id) are not written names.
        if (dre->getNameInfo().getName().getNameKind() != DeclarationName::Identifier) return;
        const NamedDecl* found = dre->getFoundDecl();
        Ref r;
        r.kind = Ref::Expr;
        r.decl = found;
        r.qualName = qualifiedName(found);
        SourceLocation begin = dre->getQualifierLoc() ? dre->getQualifierLoc().getBeginLoc() : dre->getLocation();
        r.written = SourceRange(begin, dre->getNameInfo().getEndLoc());
        r.inLegacy = isInLegacy(found) || isInLegacy(dre->getDecl());
        r.node = dre;
        addRef(std::move(r));
        if (dre->getQualifierLoc()) qualifierRefs(dre->getQualifierLoc());
    } else if (auto* me = result.Nodes.getNodeAs<MemberExpr>("am-mem")) {
        if (me->getMemberLoc().isInvalid() || me->isImplicitAccess()) return;
        Ref r;
        r.kind = Ref::Member;
        r.decl = me->getMemberDecl();
        r.qualName = qualifiedName(r.decl);
        r.written = SourceRange(me->getMemberLoc(), me->getMemberNameInfo().getEndLoc());
        r.inLegacy = isInLegacy(r.decl);
        r.node = me;
        addRef(std::move(r));
    } else if (auto* ud = result.Nodes.getNodeAs<UsingDecl>("am-using")) {
        if (ud->shadow_begin() == ud->shadow_end()) return;
        const NamedDecl* target = (*ud->shadow_begin())->getTargetDecl();
        Ref r;
        r.kind = Ref::Using;
        r.decl = target;
        r.qualName = qualifiedName(target);
        SourceLocation begin = ud->getQualifierLoc() ? ud->getQualifierLoc().getBeginLoc() : ud->getLocation();
        r.written = SourceRange(begin, ud->getNameInfo().getEndLoc());
        r.inLegacy = isInLegacy(target);
        r.node = ud;
        addRef(std::move(r));
    }
}

void Engine::onInclude(SourceLocation hash, StringRef name, bool angled, OptionalFileEntryRef file) {
    IncludeDirective inc;
    inc.hashLoc = hash;
    inc.written = name.str();
    inc.angled = angled;
    includes_.push_back(std::move(inc));
}

void Engine::onConditional(CondDirective::Kind kind, SourceLocation loc, SourceRange, SourceLocation chain,
                           const std::string& macro) {
    if (!sm_->isWrittenInMainFile(loc)) return;
    CondDirective c;
    c.kind = kind;
    c.loc = loc;
    c.chain = chain;
    c.condition = macro;
    conds_.push_back(std::move(c));
}

void Engine::onMacroUse(const std::string& name, SourceLocation def, SourceLocation use) {
    macroUses_.push_back({name, def, use});
}

void Engine::onMacroDef(const std::string& name, SourceLocation loc) { macroDefs_.push_back({name, loc}); }

std::string Engine::mainText() const { return sm_->getBufferData(sm_->getMainFileID()).str(); }

unsigned Engine::offset(SourceLocation loc) const { return sm_->getFileOffset(loc); }

SourceLocation Engine::locAt(unsigned off) const {
    return sm_->getLocForStartOfFile(sm_->getMainFileID()).getLocWithOffset(off);
}

void Engine::block(const std::string& qualName, const std::string& reason) { blocked_.emplace(qualName, reason); }

const std::string* Engine::blocked(const std::string& qualName) const {
    // "lib::thread" also blocks "lib::thread::id" and the other members.
    for (std::size_t pos = qualName.size();;) {
        auto it = blocked_.find(qualName.substr(0, pos));
        if (it != blocked_.end()) return &it->second;
        if (pos == 0) return nullptr;
        pos = qualName.rfind("::", pos - 1);
        if (pos == std::string::npos || pos == 0) return nullptr;
    }
}

void Engine::blockRange(SourceRange range, const std::string& reason) { blockedRanges_.push_back({range, reason}); }

const std::string* Engine::blockedAt(SourceLocation loc) const {
    SourceLocation at = sm_->getExpansionLoc(loc);
    for (const auto& [range, reason] : blockedRanges_) {
        SourceLocation b = sm_->getExpansionLoc(range.getBegin()), e = sm_->getExpansionLoc(range.getEnd());
        if (!sm_->isBeforeInTranslationUnit(at, b) && !sm_->isBeforeInTranslationUnit(e, at)) return &reason;
    }
    return nullptr;
}

SourceLocation Engine::mainInclude(SourceLocation loc) const {
    FileID f = sm_->getFileID(sm_->getSpellingLoc(loc));
    for (int guard = 0; guard < 128 && f.isValid(); ++guard) {
        SourceLocation inc = sm_->getIncludeLoc(f);
        if (inc.isInvalid()) return {};
        // A precompiled prefix's top file counts as included at the start of the main file; it
        // stands for the main file's first `#include <...>`.
        if (sm_->isLoadedFileID(f) && sm_->isWrittenInMainFile(inc)) {
            for (const IncludeDirective& d : includes_)
                if (d.angled) return d.hashLoc;
            return {};
        }
        if (sm_->isWrittenInMainFile(inc)) return inc;
        f = sm_->getFileID(inc);
    }
    return {};
}

bool Engine::foreign(SourceLocation loc) const {
    if (loc.isInvalid()) return true;
    if (!sm_->isInMainFile(sm_->getExpansionLoc(loc))) return true;
    return !sm_->isWrittenInMainFile(sm_->getSpellingLoc(loc));
}

std::optional<CharSourceRange> Engine::fileRange(SourceRange tokens, std::string* why) const {
    CharSourceRange r = Lexer::makeFileCharRange(CharSourceRange::getTokenRange(tokens), *sm_, *lang_);
    if (r.isValid() && sm_->isWrittenInMainFile(r.getBegin()) && sm_->isWrittenInMainFile(r.getEnd())) return r;
    if (why) {
        StringRef macro;
        if (tokens.getBegin().isMacroID()) macro = Lexer::getImmediateMacroName(tokens.getBegin(), *sm_, *lang_);
        *why = macro.empty() ? "is not spelled in this file" : "is spelled inside the body of macro `" + macro.str() + "`";
    }
    return std::nullopt;
}

CharSourceRange Engine::reportRange(SourceRange tokens) const {
    if (auto r = fileRange(tokens)) return *r;
    CharSourceRange exp = sm_->getExpansionRange(tokens);
    CharSourceRange r = Lexer::makeFileCharRange(exp, *sm_, *lang_);
    if (r.isValid()) return r;
    SourceLocation b = sm_->getExpansionLoc(tokens.getBegin());
    return CharSourceRange::getCharRange(b, b);
}

std::string Engine::text(CharSourceRange range) const {
    bool invalid = false;
    StringRef s = Lexer::getSourceText(range, *sm_, *lang_, &invalid);
    return invalid ? std::string() : s.str();
}

std::string Engine::text(SourceRange tokens) const { return text(reportRange(tokens)); }

static std::string siteKey(const RuleInfo& rule, unsigned b, unsigned e, const std::string& msg) {
    return std::string(rule.id) + ":" + std::to_string(b) + ":" + std::to_string(e) + ":" + msg;
}

Site& Engine::flag(const RuleInfo& rule, SourceRange tokens, SiteStatus status, std::string message) {
    Site s;
    s.rule = &rule;
    s.range = reportRange(tokens);
    s.status = status;
    s.message = std::move(message);
    s.enabled = enabled_(rule);
    unsigned b = offset(s.range.getBegin()), e = offset(s.range.getEnd());
    for (Site& old : sites_)
        if (old.rule == &rule && old.status == status && offset(old.range.getBegin()) == b &&
            offset(old.range.getEnd()) == e && old.message == s.message)
            return old;
    sites_.push_back(std::move(s));
    return sites_.back();
}

Site& Engine::fix(const RuleInfo& rule, SourceRange tokens, std::vector<FixPiece> pieces,
                  std::vector<std::string> headers, std::string message) {
    Site s;
    s.rule = &rule;
    s.range = reportRange(tokens);
    s.status = SiteStatus::Fixed;
    s.message = std::move(message);
    s.fix = std::move(pieces);
    for (FixPiece& p : s.fix) p.offset = offset(p.loc);
    s.headers = std::move(headers);
    s.enabled = enabled_(rule);
    unsigned b = offset(s.range.getBegin());
    for (Site& old : sites_)
        if (old.rule == &rule && old.status == SiteStatus::Fixed && offset(old.range.getBegin()) == b &&
            old.fix.size() == s.fix.size() && old.message == s.message)
            return old;
    sites_.push_back(std::move(s));
    return sites_.back();
}

FixPiece Engine::replace(CharSourceRange range, std::string text) const {
    FixPiece p;
    p.loc = range.getBegin();
    p.length = offset(range.getEnd()) - offset(range.getBegin());
    p.text = std::move(text);
    p.offset = offset(p.loc);
    return p;
}

FixPiece Engine::insert(SourceLocation at, std::string text) const {
    FixPiece p;
    p.loc = at;
    p.length = 0;
    p.text = std::move(text);
    p.offset = offset(at);
    return p;
}

void Engine::renameRefs(const RuleInfo& rule, const std::vector<Rename>& table,
                        const std::function<bool(const Ref&)>& filter) {
    for (const Ref& r : refs_) {
        if (r.kind == Ref::Member || !r.inLegacy) continue;
        const Rename* hit = nullptr;
        for (const Rename& e : table)
            if (r.qualName == e.from) hit = &e;
        if (!hit || foreign(r.written.getBegin())) continue;
        if (filter && !filter(r)) continue;
        std::string written = text(r.written);
        const std::string* why = blocked(r.qualName);
        // A range block comes with its own diagnostic (the never-joined rule): stay quiet.
        if (!why && blockedAt(r.written.getBegin())) continue;
        if (why) {
            flag(rule, r.written, SiteStatus::NeedsReview, "kept `" + written + "`: " + *why);
            continue;
        }
        std::string where;
        auto range = fileRange(r.written, &where);
        if (!range) {
            flag(rule, r.written, SiteStatus::NeedsReview,
                 "`" + r.qualName + "` " + where + "; change it to `" + hit->to + "` by hand");
            continue;
        }
        fix(rule, r.written, {replace(*range, hit->to)}, {hit->header},
            "replace `" + written + "` with `" + hit->to + "`");
    }
}

bool Engine::covered(SourceLocation loc) const {
    if (foreign(loc)) return false;
    unsigned off = offset(sm_->getFileLoc(loc));
    for (const auto& [b, e] : accepted_)
        if (b <= off && off < e) return true;
    return false;
}

std::vector<const Site*> Engine::acceptedFixes() const {
    std::vector<const Site*> out;
    for (const Site& s : sites_)
        if (s.accepted) out.push_back(&s);
    return out;
}

bool Engine::includesLegacyHeaders() const {
    for (const IncludeDirective& inc : includes_)
        for (const std::string& prefix : legacy_.headerPrefixes)
            if (llvm::StringRef(inc.written).starts_with(prefix)) return true;
    // Or through a project header (a project header including the library's header).
    for (auto it = sm_->fileinfo_begin(); it != sm_->fileinfo_end(); ++it)
        for (const std::string& part : legacy_.headerPathParts)
            if (it->first.getName().contains(part)) return true;
    return false;
}

void Engine::resolveOverlaps() {
    // Fixed sites of selected rules, in priority then position order (outer ranges first).
    std::vector<Site*> order;
    for (Site& s : sites_)
        if (s.status == SiteStatus::Fixed && s.enabled && !s.deferred && !s.subsumed && !s.fix.empty()) order.push_back(&s);
    auto span = [](const Site* s) {
        unsigned b = ~0u, e = 0;
        for (const FixPiece& p : s->fix) b = std::min(b, p.offset), e = std::max(e, p.offset + p.length);
        return std::make_pair(b, e);
    };
    std::stable_sort(order.begin(), order.end(), [&](const Site* a, const Site* b) {
        if (a->priority != b->priority) return a->priority < b->priority;
        auto [ab, ae] = span(a);
        auto [bb, be] = span(b);
        if (ab != bb) return ab < bb;
        return ae > be;
    });
    // Already accepted pieces (from an earlier pass) stay accepted.
    std::vector<Edit> taken;
    for (const auto& [b, e] : accepted_) taken.push_back(Edit{b, e, "", ""});
    for (Site* s : order) {
        if (s->accepted) continue;
        bool clash = false, inside = true;
        for (const FixPiece& p : s->fix) {
            Edit mine{p.offset, p.offset + p.length, "", ""};
            bool pieceInside = false;
            for (const Edit& t : taken) {
                if (conflicts(t, mine)) clash = true;
                if (t.begin < t.end && t.begin <= mine.begin && mine.end <= t.end &&
                    !(mine.begin == mine.end && (mine.begin == t.begin || mine.begin == t.end)))
                    pieceInside = true;
            }
            if (!pieceInside) inside = false;
        }
        if (!clash) {
            for (const FixPiece& p : s->fix) {
                taken.push_back(Edit{p.offset, p.offset + p.length, "", ""});
                accepted_.push_back({p.offset, p.offset + p.length});
            }
            s->accepted = true;
        } else if (inside) {
            s->subsumed = true;
        } else {
            s->deferred = true;
        }
    }
}

void Engine::fillSite(Site& s) {
    s.begin = offset(s.range.getBegin());
    s.end = offset(s.range.getEnd());
    if (s.end < s.begin) s.end = s.begin;
    unsigned b = s.begin, e = s.end;
    for (const FixPiece& p : s.fix) b = std::min(b, p.offset), e = std::max(e, p.offset + p.length);
    std::string all = mainText();
    if (e > all.size()) e = static_cast<unsigned>(all.size());
    if (b > e) b = e;
    s.before = all.substr(b, e - b);
    if (s.status == SiteStatus::Fixed && !s.fix.empty()) {
        std::vector<FixPiece> pieces = s.fix;
        std::sort(pieces.begin(), pieces.end(), [](const FixPiece& x, const FixPiece& y) { return x.offset < y.offset; });
        std::string out;
        unsigned at = b;
        for (const FixPiece& p : pieces) {
            if (p.offset < at) continue;
            out += all.substr(at, p.offset - at);
            out += p.text;
            at = p.offset + p.length;
        }
        out += all.substr(at, e - at);
        s.after = std::move(out);
    }
}

void Engine::finalize() {
    if (finalized_ || !sm_) return;
    finalized_ = true;
    // A legacy name spelled inside a macro body cannot be renamed; renaming it elsewhere in the
    // file would make the two disagree (a std::mutex passed to the macro's lib::lock_guard).
    for (const Ref& r : refs_) {
        SourceLocation b = r.written.getBegin();
        if (!r.inLegacy || r.kind == Ref::Member || !b.isMacroID() || !sm_->isInMainFile(sm_->getExpansionLoc(b)) ||
            sm_->isInSystemHeader(sm_->getSpellingLoc(b)))
            continue;  // macros of system headers (the library's own) are its business
        std::string where;
        if (!fileRange(r.written, &where) && where.find("macro") != std::string::npos)
            block(r.qualName, "`" + r.qualName + "` " + where + " (line " +
                                  std::to_string(sm_->getExpansionLineNumber(r.written.getBegin())) +
                                  "), which is not rewritten; change them together by hand");
    }
    for (auto& r : rules_) r->prepare(*this);
    for (auto& r : rules_)
        if (!r->late()) r->finish(*this);
    resolveOverlaps();
    for (auto& r : rules_)
        if (r->late()) r->finish(*this);
    resolveOverlaps();
    for (Site& s : sites_) fillSite(s);
    std::stable_sort(sites_.begin(), sites_.end(), [](const Site& a, const Site& b) { return a.begin < b.begin; });
}

void blockNoEquivalent(Engine& e, const std::vector<NoEquivalentName>& names) {
    for (const Ref& r : e.refs()) {
        if (!r.inLegacy || e.foreign(r.written.getBegin())) continue;
        for (const NoEquivalentName& n : names)
            if (r.qualName == n.name && n.block)
                for (llvm::StringRef b : llvm::split(llvm::StringRef(n.block), ','))
                    e.block(b.str(), "this file uses `" + r.qualName + "`, which has no std equivalent");
    }
}

void flagNoEquivalent(Engine& e, const RuleInfo& rule, const std::vector<NoEquivalentName>& names, SiteStatus status) {
    for (const Ref& r : e.refs()) {
        if (!r.inLegacy || e.foreign(r.written.getBegin())) continue;
        for (const NoEquivalentName& n : names)
            if (r.qualName == n.name)
                e.flag(rule, r.written, status, "`" + r.qualName + "`: " + n.reason);
    }
}

namespace {

class NoEquivalentRule : public CppRule {
public:
    NoEquivalentRule(const RuleInfo& info, const std::vector<NoEquivalentName>& names, SiteStatus status)
        : info_(info), names_(names), status_(status) {}
    const RuleInfo& info() const override { return info_; }
    void prepare(Engine& e) override { blockNoEquivalent(e, names_); }
    void finish(Engine& e) override { flagNoEquivalent(e, info_, names_, status_); }

private:
    const RuleInfo& info_;
    const std::vector<NoEquivalentName>& names_;
    SiteStatus status_;
};

}  // namespace

std::unique_ptr<CppRule> noEquivalentRule(const RuleInfo& info, const std::vector<NoEquivalentName>& names,
                                          SiteStatus status) {
    return std::make_unique<NoEquivalentRule>(info, names, status);
}

}  // namespace anymig::cpp
