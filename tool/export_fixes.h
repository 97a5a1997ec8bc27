// `--export-fixes FILE`: the run's edits as a clang-apply-replacements YAML file (the clang
// tooling format clang-tidy writes), one diagnostic per changed file. Replacements are relative
// to the ORIGINAL file: the rounds' edits are combined into one original -> final replacement
// per changed region, computed with a line diff (dtl) and trimmed to the changed bytes.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "core/runner.h"

namespace anymig::tool {

struct Replacement {
    std::size_t offset = 0;  // in the original text, bytes
    std::size_t length = 0;  // bytes of the original replaced
    std::string text;        // the replacement
};

// Non-overlapping replacements, in order, that turn `before` into `after`. Boundaries never
// split a UTF-8 sequence.
std::vector<Replacement> replacementsBetween(const std::string& before, const std::string& after);

// The YAML document for every Changed file of `result` (paths made absolute).
std::string exportFixesYaml(const RunResult& result);

}  // namespace anymig::tool
