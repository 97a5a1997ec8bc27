#include "tool/export_fixes.h"

#include <dtl/dtl.hpp>
#include <yaml-cpp/yaml.h>

#include <cctype>
#include <filesystem>
#include <map>

namespace anymig::tool {

namespace {

struct Line {
    std::size_t offset;
    std::string text;  // with its terminator
};

std::vector<Line> splitLines(const std::string& text) {
    std::vector<Line> lines;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') {
            lines.push_back({start, text.substr(start, i + 1 - start)});
            start = i + 1;
        }
    if (start < text.size()) lines.push_back({start, text.substr(start)});
    return lines;
}

bool isWord(char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return std::isalnum(u) || c == '_' || u >= 0x80;
}

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Shrinks [b, e) of `before` replaced by `text` to the bytes that differ.
Replacement trimmed(const std::string& before, std::size_t b, std::size_t e, std::string text) {
    std::size_t prefix = 0, maxPrefix = std::min(e - b, text.size());
    while (prefix < maxPrefix && before[b + prefix] == text[prefix]) ++prefix;
    // Back off to a character boundary in both texts.
    while (prefix > 0 && ((b + prefix < before.size() && continuation(before[b + prefix])) ||
                          (prefix < text.size() && continuation(text[prefix]))))
        --prefix;
    // Keep whole words: "libold.f" -> "libnew.f" replaces "libold", not "old" with "new".
    while (prefix > 0 && b + prefix < e && isWord(before[b + prefix - 1]) && isWord(before[b + prefix])) --prefix;
    std::size_t suffix = 0, maxSuffix = std::min(e - b, text.size()) - prefix;
    while (suffix < maxSuffix && before[e - 1 - suffix] == text[text.size() - 1 - suffix]) ++suffix;
    while (suffix > 0 && ((e - suffix < before.size() && continuation(before[e - suffix])) ||
                          (text.size() - suffix < text.size() && continuation(text[text.size() - suffix]))))
        --suffix;
    while (suffix > 0 && e - suffix > b + prefix && isWord(before[e - suffix]) && isWord(before[e - suffix - 1]))
        --suffix;
    return {b + prefix, e - b - prefix - suffix, text.substr(prefix, text.size() - prefix - suffix)};
}

}  // namespace

std::vector<Replacement> replacementsBetween(const std::string& before, const std::string& after) {
    std::vector<Replacement> out;
    if (before == after) return out;
    std::vector<Line> a = splitLines(before), b = splitLines(after);
    std::vector<std::string> at, bt;
    for (const Line& l : a) at.push_back(l.text);
    for (const Line& l : b) bt.push_back(l.text);
    dtl::Diff<std::string, std::vector<std::string>> diff(at, bt);
    diff.compose();
    // Walk the edit script; every maximal run of deletions and additions is one region.
    std::size_t ai = 0;  // next original line
    bool open = false;
    std::size_t regionBegin = 0, regionEnd = 0;
    std::string inserted;
    auto close = [&] {
        if (!open) return;
        out.push_back(trimmed(before, regionBegin, regionEnd, std::move(inserted)));
        inserted.clear();
        open = false;
    };
    auto offsetOfLine = [&](std::size_t i) { return i < a.size() ? a[i].offset : before.size(); };
    for (const auto& e : diff.getSes().getSequence()) {
        switch (e.second.type) {
            case dtl::SES_COMMON:
                close();
                ++ai;
                break;
            case dtl::SES_DELETE:
                if (!open) {
                    open = true;
                    regionBegin = regionEnd = offsetOfLine(ai);
                }
                regionEnd = offsetOfLine(ai) + a[ai].text.size();
                ++ai;
                break;
            case dtl::SES_ADD:
                if (!open) {
                    open = true;
                    regionBegin = regionEnd = offsetOfLine(ai);
                }
                inserted += e.first;
                break;
        }
    }
    close();
    return out;
}

std::string exportFixesYaml(const RunResult& result) {
    namespace fs = std::filesystem;
    std::error_code ec;
    YAML::Emitter y;
    y << YAML::BeginDoc << YAML::BeginMap;
    std::string mainFile;
    for (const FileOutcome& f : result.files)
        if (f.state == FileState::Changed) {
            mainFile = fs::absolute(f.path, ec).lexically_normal().string();
            break;
        }
    y << YAML::Key << "MainSourceFile" << YAML::Value << YAML::SingleQuoted << mainFile;
    y << YAML::Key << "Diagnostics" << YAML::Value << YAML::BeginSeq;
    for (const FileOutcome& f : result.files) {
        if (f.state != FileState::Changed) continue;
        std::string path = fs::absolute(f.path, ec).lexically_normal().string();
        std::vector<Replacement> reps = replacementsBetween(f.original, f.rewritten);
        if (reps.empty()) continue;
        std::map<std::string, int> byRule;
        for (const Diagnostic& d : f.diagnostics)
            if (d.status == SiteStatus::Fixed) byRule[d.ruleId + " " + d.ruleName]++;
        std::string message = "anymig: ";
        bool first = true;
        for (const auto& [rule, n] : byRule) {
            message += (first ? "" : ", ") + rule + " x" + std::to_string(n);
            first = false;
        }
        y << YAML::BeginMap;
        y << YAML::Key << "DiagnosticName" << YAML::Value << "anymig";
        y << YAML::Key << "DiagnosticMessage" << YAML::Value << YAML::BeginMap;
        y << YAML::Key << "Message" << YAML::Value << YAML::DoubleQuoted << message;
        y << YAML::Key << "FilePath" << YAML::Value << YAML::DoubleQuoted << path;
        y << YAML::Key << "FileOffset" << YAML::Value << reps.front().offset;
        y << YAML::Key << "Replacements" << YAML::Value << YAML::BeginSeq;
        for (const Replacement& r : reps) {
            y << YAML::BeginMap;
            y << YAML::Key << "FilePath" << YAML::Value << YAML::DoubleQuoted << path;
            y << YAML::Key << "Offset" << YAML::Value << r.offset;
            y << YAML::Key << "Length" << YAML::Value << r.length;
            y << YAML::Key << "ReplacementText" << YAML::Value << YAML::DoubleQuoted << r.text;
            y << YAML::EndMap;
        }
        y << YAML::EndSeq << YAML::EndMap;
        y << YAML::Key << "Level" << YAML::Value << "Warning";
        y << YAML::EndMap;
    }
    y << YAML::EndSeq << YAML::EndMap << YAML::EndDoc;
    return std::string(y.c_str()) + "\n";
}

}  // namespace anymig::tool
