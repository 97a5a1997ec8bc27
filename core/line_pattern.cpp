#include "core/line_pattern.h"

#include <string>

namespace anymig {

std::string squeezeBlanks(std::string_view line) {
    std::string squeezed;
    squeezed.reserve(line.size());
    for (char c : line) {
        bool blank = c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r';
        if (blank && !squeezed.empty() && squeezed.back() == ' ') continue;
        squeezed += blank ? ' ' : c;
    }
    return squeezed;
}

bool lineMatches(std::string_view line, const std::regex& pattern) { return std::regex_search(squeezeBlanks(line), pattern); }

bool anyLineMatches(std::string_view text, const std::regex& pattern) {
    for (std::size_t at = 0; at <= text.size();) {
        std::size_t nl = text.find('\n', at);
        if (nl == std::string_view::npos) nl = text.size();
        if (lineMatches(text.substr(at, nl - at), pattern)) return true;
        at = nl + 1;
    }
    return false;
}

}  // namespace anymig
