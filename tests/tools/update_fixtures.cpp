// Writes <case>.expected.py (.expected.pyi for a stub) and <case>.expected.txt for the given fixture inputs (or all).
// The output is a snapshot to review in the diff before committing, as with ruff's snapshots.
#include <filesystem>
#include <iostream>

#include "../fixture_support.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    ensurePackRegistered();
    fs::path root = fs::path(ANYMIG_SOURCE_DIR) / "test-inputs" / "python";
    std::vector<fs::path> inputs;
    for (int i = 1; i < argc; ++i) inputs.emplace_back(argv[i]);
    if (inputs.empty())
        for (const auto& e : fs::recursive_directory_iterator(root))
            if (e.is_regular_file() && isFixtureInput(e.path())) inputs.push_back(e.path());
    for (const fs::path& input : inputs) {
        fs::path base = input;
        base.replace_extension();
        std::string rel = fs::relative(fs::absolute(input), root).generic_string();
        std::string text = slurp(input.string());
        anymig::FileOutcome out = anymig::processText(rel, text, fixtureOptions(base.string() + ".args"));
        std::ofstream(expectedOutputPath(input), std::ios::binary)
            << (out.state == anymig::FileState::Changed ? out.rewritten : text);
        std::ofstream(base.string() + ".expected.txt", std::ios::binary) << renderDiagnostics(out);
        std::cout << "updated " << rel << "\n";
    }
}
