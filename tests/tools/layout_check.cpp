// Lays out every statement of each given file as if a migration had written it (no line is
// treated as the original's) and prints the files that change. On a file black accepts, black's
// layout is a fixed point, so every file printed is a shape matchers/python/layout.cpp lays out
// unlike black. Run by tests/scripts/test_layout_black.py over black-clean real code.
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/edit.h"
#include "core/source.h"
#include "matchers/python/layout.h"
#include "matchers/python/syntax.h"

int main(int argc, char** argv) {
    int changed = 0;
    for (int i = 1; i < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string text = ss.str();
        anymig::SourceFile src(argv[i], text);
        anymig::python::Syntax syntax(src);
        anymig::EditSet set;
        bool ok = true;
        for (anymig::Edit& e : anymig::python::layoutLongLines(syntax, "", 88)) ok = set.add(std::move(e)) && ok;
        const std::string out = set.apply(text);
        if (ok && out == text) continue;
        ++changed;
        // The first line that differs, to read the shape in the test's output.
        std::istringstream a(text), b(out);
        std::string la, lb;
        int line = 1;
        while (std::getline(a, la) && std::getline(b, lb) && la == lb) ++line;
        std::cout << argv[i] << ":" << line << ": laid out unlike black: " << lb << "\n";
    }
    return changed ? 1 : 0;
}
