// The parse floor for bench/bench.py: reads every *.py/*.pyi file under the given paths and
// parses it with the same tree-sitter runtime and Python grammar anymig uses, on N threads,
// doing nothing else. Prints "files bytes files-with-errors".
//     anymig_parse_floor [-j N] PATH...
#include <tree_sitter/api.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

extern "C" const TSLanguage* tree_sitter_python();

int main(int argc, char** argv) {
    unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        if (std::strncmp(argv[i], "-j", 2) == 0) {
            const char* n = argv[i][2] ? argv[i] + 2 : (i + 1 < argc ? argv[++i] : "1");
            jobs = static_cast<unsigned>(std::max(1, std::atoi(n)));
            continue;
        }
        std::filesystem::path root(argv[i]);
        if (std::filesystem::is_regular_file(root)) {
            files.push_back(root.string());
            continue;
        }
        for (auto it = std::filesystem::recursive_directory_iterator(root); it != decltype(it)(); ++it) {
            if (it->is_directory() && it->path().filename() == "__pycache__") it.disable_recursion_pending();
            auto ext = it->path().extension();
            if (it->is_regular_file() && (ext == ".py" || ext == ".pyi")) files.push_back(it->path().string());
        }
    }
    std::atomic<std::size_t> next{0}, bytes{0}, errors{0};
    auto worker = [&] {
        TSParser* parser = ts_parser_new();
        ts_parser_set_language(parser, tree_sitter_python());
        for (std::size_t i; (i = next.fetch_add(1)) < files.size();) {
            std::ifstream in(files[i], std::ios::binary);
            std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            TSTree* tree = ts_parser_parse_string(parser, nullptr, text.data(), static_cast<uint32_t>(text.size()));
            if (ts_node_has_error(ts_tree_root_node(tree))) ++errors;
            bytes += text.size();
            ts_tree_delete(tree);
        }
        ts_parser_delete(parser);
    };
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();
    std::printf("%zu %zu %zu\n", files.size(), bytes.load(), errors.load());
    return 0;
}
