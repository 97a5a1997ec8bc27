// Shared by the reader fuzz targets (config, plan, baseline): the readers take a path, so each
// input is written to a file in a private scratch folder first. A reader may refuse any input,
// but only with an exception whose message names the file (what the CLI prints as
// "anymig: error: ..."); any other exception, a crash, a hang or a sanitizer report is a finding.
#pragma once
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>

namespace fuzz {

inline const std::filesystem::path& scratch() {
    static const std::filesystem::path dir = [] {
        auto d = std::filesystem::temp_directory_path() / ("anymig-fuzz-readers-" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        return d;
    }();
    return dir;
}

inline std::string put(const std::string& name, const std::uint8_t* data, std::size_t size) {
    std::filesystem::path p = scratch() / name;
    std::ofstream(p, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data),
                                                              static_cast<std::streamsize>(size));
    return p.string();
}

// Runs `read`; a refusal must name one of `files` (by path or by name).
template <class Read>
void expectClearRefusal(std::initializer_list<std::string> files, Read read) {
    try {
        read();
    } catch (const std::exception& e) {
        std::string what = e.what();
        for (const std::string& file : files)
            if (what.find(std::filesystem::path(file).filename().string()) != std::string::npos) return;
        std::fprintf(stderr, "FINDING: a refusal that names no file (%s): %s\n", files.begin()->c_str(), what.c_str());
        std::abort();
    }
}

}  // namespace fuzz
