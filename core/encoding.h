// Source encodings other than UTF-8 (a front end names them, e.g. from a PEP 263 coding
// cookie) are converted with iconv from the C library: decoded to UTF-8 for analysis and
// encoded back when the file is written, so the file keeps its own encoding.
#pragma once
#include <string>
#include <string_view>

namespace anymig {

// True for the names that mean UTF-8 ("utf-8", "UTF8", "utf_8", "utf-8-sig"...).
bool isUtf8Name(std::string_view encoding);

// Converts `in` from encoding `from` to encoding `to`. Returns "" on success, else the
// reason ("unknown encoding ...", or what cannot be converted, with its byte offset in `in`,
// also stored in `failedAt`).
std::string convertEncoding(std::string_view in, const std::string& from, const std::string& to, std::string& out,
                            std::size_t* failedAt = nullptr);

}  // namespace anymig
