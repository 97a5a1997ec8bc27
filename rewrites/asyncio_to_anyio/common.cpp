#include "rewrites/asyncio_to_anyio/common.h"

#include <algorithm>

namespace anymig::asyncio_to_anyio {

std::size_t afterLine(const Context& ctx, TSNode n) {
    int row = python::endRowOf(n);
    if (static_cast<std::size_t>(row) >= ctx.source.lineCount()) return ctx.source.text().size();
    return ctx.source.lineStart(row + 1);
}

// Edits that remove a whole statement, leaving `pass` when it is alone in its block.
std::vector<Edit> removeStatement(const Context& ctx, TSNode stmt) {
    TSNode parent = ctx.syntax.parent(stmt);
    int siblings = 0;
    for (TSNode c : namedChildren(parent))
        if (!is(c, "comment")) ++siblings;
    if (siblings == 1 && !is(parent, "module")) return {replaceNode(stmt, "pass")};
    const std::string& text = ctx.source.text();
    std::size_t b = beginOf(stmt), e = endOf(stmt);
    std::size_t ls = ctx.source.lineStart(python::rowOf(stmt));
    bool aloneBefore = std::all_of(text.begin() + ls, text.begin() + b, [](char c) { return c == ' ' || c == '\t'; });
    std::size_t k = e;
    while (k < text.size() && (text[k] == ' ' || text[k] == '\t')) ++k;
    bool aloneAfter = k >= text.size() || text[k] == '\n' || text[k] == '\r' || text[k] == '#';
    if (aloneBefore && aloneAfter) return {replaceRange(ls, afterLine(ctx, stmt), "")};
    if (k < text.size() && text[k] == ';') {  // "import asyncio; x = 1"
        std::size_t j = k + 1;
        while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
        return {replaceRange(b, j, "")};
    }
    std::size_t p = b;
    while (p > ls && (text[p - 1] == ' ' || text[p - 1] == '\t')) --p;
    if (p > ls && text[p - 1] == ';') return {replaceRange(p - 1, e, "")};
    return {};
}

}  // namespace anymig::asyncio_to_anyio
