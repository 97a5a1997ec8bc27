// The boost-thread-to-std pack's descriptor. Built into the CLI's C/C++ library only (not into
// the clang-tidy plugin, which has no front end): see cmake/clang.cmake.
#include "matchers/cpp/engine.h"
#include "matchers/cpp/register.h"
#include "rewrites/boost_thread_to_std/pack.h"

namespace anymig::boost_thread_to_std {

const PackDescriptor& descriptor() {
    static const PackDescriptor pack = [] {
        PackDescriptor d;
        d.name = "boost-thread-to-std";
        d.language = "cpp";
        for (const cpp::RuleEntry& r : rules()) d.rules.push_back(r.info);
        d.frontend.triggers = {"boost"};
        d.frontend.mentionWord = "boost";
        d.frontend.targetImports = {"thread", "mutex", "shared_mutex", "condition_variable", "future", "chrono"};
        d.report = {"Boost.Thread Migration",
                    "Boost.Thread",
                    "std",
                    R"(^\s*#\s*include\s*[<"]boost/(thread|chrono))",
                    R"(^\s*#\s*include\s*<(thread|mutex|shared_mutex|condition_variable|future|chrono|latch|barrier)>)",
                    "Build every changed translation unit and run the test suite.",
                    "cpp",
                    "//"};
        d.makeFrontends = [](const PackDescriptor& self) {
            std::vector<std::unique_ptr<Frontend>> out;
            out.push_back(cpp::makeCppFrontend(rules(), legacyLibrary(), self.frontend));
            return out;
        };
        return d;
    }();
    return pack;
}

}  // namespace anymig::boost_thread_to_std
