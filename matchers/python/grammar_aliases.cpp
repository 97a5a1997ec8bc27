// Which node types may hold fields their parent inherits (see Syntax::fieldChild): read from the
// grammar's own tables, through the struct its generated parser.h declares for this ABI.
#include "matchers/python/grammar_aliases.h"

#include <cstddef>
#include <cstdint>

#include "node_modules/tree-sitter-python/src/tree_sitter/parser.h"

extern "C" const TSLanguage* tree_sitter_python(void);

namespace anymig::python {

std::optional<std::vector<bool>> typesFromHiddenRules() {
    const TSLanguage* lang = tree_sitter_python();
    // The struct's layout is the one of language version 14 (the grammar's parser.c); for any
    // other, no answer (the caller then asks tree-sitter for every field).
    if (lang->version != 14) return std::nullopt;
    const std::uint32_t count = lang->symbol_count + lang->alias_count;
    std::vector<bool> out(count, false);
    auto mark = [&](TSSymbol s) {
        if (s < count) out[lang->public_symbol_map[s]] = true;
    };
    // A hidden rule always renamed (`alias($._match_block, $.block)`): its own symbol maps to
    // another public one.
    for (TSSymbol s = 0; s < lang->symbol_count; ++s)
        if (lang->public_symbol_map[s] != s) mark(s);
    // Every alias a production gives one of its children (over-inclusive: aliases of visible
    // rules too).
    const std::size_t entries = std::size_t{lang->production_id_count} * lang->max_alias_sequence_length;
    for (std::size_t i = 0; i < entries; ++i)
        if (TSSymbol a = lang->alias_sequences[i]) mark(a);
    return out;
}

}  // namespace anymig::python
