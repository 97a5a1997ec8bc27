// `anymig rules [--format text|markdown|json]`: every registered pack's rules, with the
// documentation each rule file carries (scripts/gen-docs builds docs/ from the json form).
#pragma once
#include <string>

namespace anymig::tool {

std::string rulesText();
// Per pack: a table of its rules, then each rule's page.
std::string rulesMarkdown();
// [{"name", "language", "rules": [{"id", "name", "category", "summary", "safety", "brief", "doc"}]}]
std::string rulesJson();

}  // namespace anymig::tool
