#include "core/encoding.h"

#include <iconv.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <vector>

namespace anymig {

bool isUtf8Name(std::string_view encoding) {
    std::string n;
    for (char c : encoding) n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (char& c : n)
        if (c == '_') c = '-';
    return n == "utf-8" || n == "utf8" || n.rfind("utf-8-", 0) == 0;
}

namespace {

// iconv's spelling of a Python codec name: "latin-1"/"latin_1" -> "latin1", "iso_8859_15" -> "iso-8859-15".
iconv_t openConverter(const std::string& to, const std::string& from) {
    auto spellings = [](std::string n) {
        std::string dashed = n;
        for (char& c : dashed)
            if (c == '_') c = '-';
        std::string joined = dashed;
        if (joined.size() > 6 && (joined.compare(0, 6, "latin-") == 0 || joined.compare(0, 6, "LATIN-") == 0))
            joined.erase(5, 1);
        return std::vector<std::string>{n, dashed, joined};
    };
    for (const std::string& t : spellings(to))
        for (const std::string& f : spellings(from)) {
            iconv_t cd = ::iconv_open(t.c_str(), f.c_str());
            if (cd != reinterpret_cast<iconv_t>(-1)) return cd;
        }
    return reinterpret_cast<iconv_t>(-1);
}

}  // namespace

std::string convertEncoding(std::string_view in, const std::string& from, const std::string& to, std::string& out,
                            std::size_t* failedAt) {
    iconv_t cd = openConverter(to, from);
    if (cd == reinterpret_cast<iconv_t>(-1)) return "unknown encoding " + (isUtf8Name(from) ? to : from);
    out.clear();
    out.resize(in.size() * 4 + 16);
    char* src = const_cast<char*>(in.data());
    std::size_t srcLeft = in.size();
    char* dst = out.data();
    std::size_t dstLeft = out.size();
    std::string why;
    while (srcLeft > 0) {
        if (::iconv(cd, &src, &srcLeft, &dst, &dstLeft) != static_cast<std::size_t>(-1)) continue;
        if (errno == E2BIG) {  // cannot happen with 4x room, but grow rather than fail
            std::size_t used = static_cast<std::size_t>(dst - out.data());
            out.resize(out.size() * 2);
            dst = out.data() + used;
            dstLeft = out.size() - used;
            continue;
        }
        std::size_t at = in.size() - srcLeft;
        if (failedAt) *failedAt = at;
        why = std::string(errno == EINVAL ? "incomplete sequence" : "cannot be represented") + " at byte " +
              std::to_string(at);
        break;
    }
    if (why.empty()) {  // flush any shift state
        if (::iconv(cd, nullptr, nullptr, &dst, &dstLeft) == static_cast<std::size_t>(-1))
            why = std::string("cannot finish the conversion: ") + std::strerror(errno);
    }
    ::iconv_close(cd);
    out.resize(static_cast<std::size_t>(dst - out.data()));
    return why;
}

}  // namespace anymig
