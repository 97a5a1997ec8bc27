// The brackets CPython's tokenizer sees, handed to tree-sitter-python's external scanner
// (patched: cmake/tree-sitter-python-scanner.patch, tree-sitter-python#256). Compiled into the
// runtime library because the lexer's byte position is only in the runtime's own Lexer struct,
// whose first member is the TSLexer the scanner is given.
#include <stdbool.h>
#include <stdint.h>

#include "lexer.h"

// Set by the parse view (matchers/python/parse_view.cpp) around one parse on this thread:
// `count` pairs (open, close) of byte offsets, sorted and disjoint.
static _Thread_local const uint32_t *anymig_spans;
static _Thread_local uint32_t anymig_span_count;

void anymig_python_set_bracket_spans(const uint32_t *pairs, uint32_t count) {
    anymig_spans = pairs;
    anymig_span_count = pairs ? count : 0;
}

// Whether the lexer's next character lies strictly between an opening bracket and its closing
// one (a binary search over the spans).
bool anymig_python_inside_brackets(const void *lexer) {
    if (anymig_span_count == 0) return false;
    const uint32_t byte = ((const Lexer *)lexer)->current_position.bytes;
    uint32_t lo = 0, hi = anymig_span_count;  // the first span opening at or after `byte`
    while (lo < hi) {
        const uint32_t mid = lo + (hi - lo) / 2;
        if (anymig_spans[2 * mid] < byte) lo = mid + 1;
        else hi = mid;
    }
    return lo > 0 && byte < anymig_spans[2 * (lo - 1) + 1];
}
