// posix_time duration constructors written in place, e.g. boost::posix_time::milliseconds(n),
// and their std::chrono spelling. Shared by the sleep and timed-wait rules.
#pragma once
#include <string>

#include "matchers/cpp/engine.h"

namespace anymig::cpp {

inline std::string chronoForPosixTime(const std::string& qualName) {
    static const char* units[] = {"hours", "minutes", "seconds", "milliseconds", "microseconds", "nanoseconds"};
    for (const char* u : units)
        if (qualName == std::string("boost::posix_time::") + u) return std::string("std::chrono::") + u;
    return "";
}

// When `arg` is `posix_time::X(n)`, the piece renaming its type to std::chrono::X.
inline std::optional<FixPiece> posixDurationPiece(Engine& e, const clang::Expr* arg, std::string* why) {
    clang::SourceRange nameRange;
    const clang::NamedDecl* d = writtenTypeDecl(arg, &nameRange);
    std::string chrono = chronoForPosixTime(Engine::qualifiedName(d));
    if (chrono.empty()) {
        *why = "the duration `" + e.text(arg->getSourceRange()) +
               "` is not a boost::posix_time duration constructed in place; convert it to std::chrono by hand";
        return std::nullopt;
    }
    auto range = e.fileRange(nameRange, why);
    if (!range) return std::nullopt;
    return e.replace(*range, chrono);
}

}  // namespace anymig::cpp
