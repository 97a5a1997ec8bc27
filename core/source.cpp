#include "core/source.h"

#include <algorithm>

namespace anymig {

SourceFile::SourceFile(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
    hasBom_ = text_.size() >= 3 && static_cast<unsigned char>(text_[0]) == 0xEF &&
              static_cast<unsigned char>(text_[1]) == 0xBB && static_cast<unsigned char>(text_[2]) == 0xBF;
    // Line 1 starts after a byte-order mark, so no edit can land in front of it.
    lineStarts_.push_back(hasBom_ ? 3 : 0);
    std::size_t crlf = 0, lf = 0;
    for (std::size_t i = 0; i < text_.size(); ++i) {
        if (text_[i] == '\n') {
            if (i > 0 && text_[i - 1] == '\r') ++crlf; else ++lf;
            lineStarts_.push_back(i + 1);
        }
    }
    if (crlf > lf) newline_ = "\r\n";
}

Position SourceFile::position(std::size_t offset) const {
    offset = std::min(std::max(offset, lineStarts_[0]), text_.size());
    auto it = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset);
    std::size_t line = static_cast<std::size_t>(it - lineStarts_.begin());  // 1-based
    return Position{static_cast<int>(line), static_cast<int>(offset - lineStarts_[line - 1] + 1)};
}

std::size_t SourceFile::lineStart(int line) const {
    if (line < 1) return lineStarts_[0];
    if (static_cast<std::size_t>(line) > lineStarts_.size()) return text_.size();
    return lineStarts_[line - 1];
}

std::size_t SourceFile::lineEnd(int line) const {
    std::size_t end = static_cast<std::size_t>(line) < lineStarts_.size() ? lineStarts_[line] - 1 : text_.size();
    if (end > lineStart(line) && end <= text_.size() && end > 0 && end - 1 < text_.size() && text_[end - 1] == '\r' &&
        end < text_.size() && text_[end] == '\n')
        return end - 1;
    return end;
}

std::string_view SourceFile::lineText(int line) const {
    std::size_t b = lineStart(line), e = lineEnd(line);
    return std::string_view(text_).substr(b, e - b);
}

std::size_t SourceFile::offsetOf(int line, int column) const {
    return std::min(lineStart(line) + static_cast<std::size_t>(std::max(column, 1) - 1), text_.size());
}

std::size_t firstInvalidUtf8(std::string_view s) {
    std::size_t i = 0, n = s.size();
    while (i < n) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) { ++i; continue; }
        int len = 0;
        unsigned int cp = 0;
        if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
        else return i;
        if (i + len > n) return i;
        for (int k = 1; k < len; ++k) {
            unsigned char cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return std::string_view::npos;
}

bool looksBinary(std::string_view text) {
    return text.substr(0, 8192).find('\0') != std::string_view::npos;
}

}  // namespace anymig
