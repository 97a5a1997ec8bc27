// libanymig-tidy.so: the boost-thread-to-std pack as clang-tidy checks (anymig-<rule-name>),
// loadable with `clang-tidy-19 --load=libanymig-tidy.so -checks='-*,anymig-*'`.
//
// All checks of one translation unit share one engine (the same code the anymig CLI runs), so
// cross-rule decisions (which fixes were accepted, whether the Boost include can go) are the
// same as in the CLI; each check reports only its own rule's sites, with fix-its for the
// accepted fixes. A fix that overlapped another is reported without a fix-it (run again).
//
// Option: `AnymigAssume` (global or per check), e.g. "HAVE_BOOST_THREAD=1;USE_BOOST=0", the
// macro assumptions for anymig-boost-thread-has-flag.
#include <mutex>

#include <clang-tidy/ClangTidyCheck.h>
#include <clang-tidy/ClangTidyModule.h>
#include <clang-tidy/ClangTidyModuleRegistry.h>
#include <clang/Lex/Preprocessor.h>
#include <clang/Lex/PreprocessorOptions.h>

#include "matchers/cpp/engine.h"
#include "rewrites/boost_thread_to_std/pack.h"

namespace anymig::tidy {

using namespace clang;
using namespace clang::tidy;

struct Shared {
    Settings settings;
    std::unique_ptr<cpp::Engine> engine;
    bool registered = false;
    bool attached = false;
};

class AnymigCheck : public ClangTidyCheck {
public:
    AnymigCheck(StringRef name, ClangTidyContext* ctx, const RuleInfo* rule) : ClangTidyCheck(name, ctx), rule_(rule) {
        static std::mutex mutex;
        static std::map<ClangTidyContext*, std::weak_ptr<Shared>> all;
        std::lock_guard<std::mutex> lock(mutex);
        auto& slot = all[ctx];
        shared_ = slot.lock();
        if (!shared_ || shared_->registered) {
            // First check of a new translation unit: it owns the engine.
            shared_ = std::make_shared<Shared>();
            std::string assume = Options.getLocalOrGlobal("AnymigAssume", "").str();
            for (StringRef item : llvm::split(StringRef(assume), ';')) {
                item = item.trim();
                if (item.empty()) continue;
                auto [macro, value] = item.split('=');
                shared_->settings.flags[macro.trim().str()] = value.trim() != "0" && value.trim() != "false";
            }
            shared_->engine = std::make_unique<cpp::Engine>(
                &shared_->settings,
                [ctx](const RuleInfo& r) { return ctx->isCheckEnabled("anymig-" + std::string(r.name)); },
                boost_thread_to_std::rules(), boost_thread_to_std::legacyLibrary());
            slot = shared_;
            owner_ = true;
        }
    }
    bool isLanguageVersionSupported(const LangOptions& lang) const override { return lang.CPlusPlus; }
    void registerPPCallbacks(const SourceManager& sm, Preprocessor* pp, Preprocessor*) override {
        if (!owner_ || shared_->attached) return;
        shared_->attached = true;
        shared_->engine->attach(const_cast<SourceManager&>(sm), pp->getLangOpts(), &pp->getPreprocessorOpts());
        pp->addPPCallbacks(shared_->engine->makePPCallbacks());
    }
    void registerMatchers(ast_matchers::MatchFinder* finder) override {
        // MatchFinder only calls onEndOfTranslationUnit on callbacks it knows about.
        finder->addMatcher(ast_matchers::translationUnitDecl().bind("tu"), this);
        if (!owner_ || shared_->registered) return;
        shared_->registered = true;
        shared_->engine->registerMatchers(*finder);
    }
    void check(const ast_matchers::MatchFinder::MatchResult&) override {}
    void onEndOfTranslationUnit() override {
        cpp::Engine& e = *shared_->engine;
        e.finalize();
        if (!e.finalized()) return;
        for (const cpp::Site& s : e.sites()) {
            if (s.rule != rule_ || s.subsumed) continue;
            SourceLocation loc = s.range.getBegin();
            if (s.status == SiteStatus::Fixed && s.accepted) {
                auto d = diag(loc, "%0") << s.message;
                for (const cpp::FixPiece& p : s.fix)
                    d << FixItHint::CreateReplacement(CharSourceRange::getCharRange(p.loc, p.loc.getLocWithOffset(p.length)),
                                                      p.text);
            } else if (s.status == SiteStatus::Fixed) {
                diag(loc, "%0 (overlaps another fix; run again)") << s.message;
            } else {
                diag(loc, "%0 [%1]") << s.message << toString(s.status);
            }
        }
    }

private:
    const RuleInfo* rule_;
    std::shared_ptr<Shared> shared_;
    bool owner_ = false;
};

class AnymigModule : public ClangTidyModule {
public:
    void addCheckFactories(ClangTidyCheckFactories& factories) override {
        for (const cpp::RuleEntry& r : boost_thread_to_std::rules()) {
            const RuleInfo* info = r.info;
            factories.registerCheckFactory("anymig-" + std::string(info->name),
                                           [info](StringRef name, ClangTidyContext* ctx) {
                                               return std::make_unique<AnymigCheck>(name, ctx, info);
                                           });
        }
    }
};

static ClangTidyModuleRegistry::Add<AnymigModule> X("anymig-module", "anymig boost-thread-to-std checks.");

}  // namespace anymig::tidy

// Linker anchor, as in clang-tidy's own modules.
volatile int AnymigModuleAnchorSource = 0;
