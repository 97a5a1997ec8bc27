#include "matchers/python/parse_view.h"

#include <cstddef>
#include <vector>

namespace anymig::python {

namespace {

struct Line {
    std::size_t hash = 0, end = 0;  // the comment's first byte (`#`), the line's end (before \r or \n)
};

}  // namespace

std::optional<std::string> parseView(std::string_view text) {
    std::vector<Line> run;                 // eligible comment lines of the current run
    std::vector<Line> blank;               // of runs long enough
    auto close = [&] {
        if (run.size() >= static_cast<std::size_t>(kLongCommentRun)) blank.insert(blank.end(), run.begin(), run.end());
        run.clear();
    };
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t end = text.find_first_of("\r\n", pos);
        if (end == std::string_view::npos) end = text.size();
        std::size_t first = pos;
        while (first < end && (text[first] == ' ' || text[first] == '\t' || text[first] == '\f')) ++first;
        if (first == end) {
            // a blank line: neither ends nor counts in a run
        } else if (text[first] == '#' && text.substr(first, end - first).find_first_of("'\"{}\\") == std::string_view::npos) {
            run.push_back({first, end});
        } else {
            close();
        }
        pos = end;
        if (pos < text.size() && text[pos] == '\r') ++pos;
        if (pos < text.size() && text[pos] == '\n') ++pos;
    }
    close();
    if (blank.empty()) return std::nullopt;
    std::string view(text);
    for (const Line& l : blank) view.replace(l.hash, l.end - l.hash, l.end - l.hash, ' ');
    return view;
}

TSTree* parsePython(TSParser* parser, std::string_view text, std::optional<std::string>& storage) {
    storage = parseView(text);
    std::string_view parsed = storage ? std::string_view(*storage) : text;
    return ts_parser_parse_string(parser, nullptr, parsed.data(), static_cast<uint32_t>(parsed.size()));
}

}  // namespace anymig::python
