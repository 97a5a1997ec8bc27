#pragma once
#include <string>

namespace anymig {
// A unified diff (3 lines of context) between two texts, computed with dtl.
// Empty when the texts are equal.
std::string unifiedDiff(const std::string& path, const std::string& before, const std::string& after);
// Counts added and removed lines between two texts.
void countLineChanges(const std::string& before, const std::string& after, int& added, int& removed);
}  // namespace anymig
