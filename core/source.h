// Source files as the core sees them: bytes, a line table and encoding facts.
// The core never interprets the language; columns are 1-based byte offsets,
// as in gcc and clang diagnostics.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace anymig {

struct Position {
    int line = 1;    // 1-based
    int column = 1;  // 1-based, in bytes
};

class SourceFile {
public:
    SourceFile() = default;
    SourceFile(std::string path, std::string text);

    const std::string& path() const { return path_; }
    const std::string& text() const { return text_; }
    bool hasBom() const { return hasBom_; }
    // The file's dominant line ending ("\r\n" when most lines end so, else "\n").
    const std::string& newline() const { return newline_; }

    Position position(std::size_t offset) const;
    std::size_t offsetOf(int line, int column) const;
    std::size_t lineCount() const { return lineStarts_.size(); }
    std::size_t lineStart(int line) const;  // offset of the first byte of a 1-based line (after a BOM)
    std::size_t lineEnd(int line) const;    // offset of the line's terminator (or end of text)
    std::string_view lineText(int line) const;  // without terminator

private:
    std::string path_;
    std::string text_;
    bool hasBom_ = false;
    std::string newline_ = "\n";
    std::vector<std::size_t> lineStarts_;
};

// Returns the byte offset of the first invalid UTF-8 sequence, or npos when the text is valid.
std::size_t firstInvalidUtf8(std::string_view text);
// True when the bytes look binary (a NUL byte in the first 8 KiB).
bool looksBinary(std::string_view text);

}  // namespace anymig
