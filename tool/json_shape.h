// Shape checks for the JSON files users keep and may edit by hand (plans, plan states,
// baselines): a reader checks every field it will use before using it, so a damaged or hostile
// file is refused with an error naming the file and the field, never read as undefined
// behaviour (nlohmann's const operator[] on a missing key) or a bare json type_error.
#pragma once
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace anymig::tool {

enum class JsonKind { Object, Array, String, Integer, Boolean, Present };

template <class Json>
bool hasKind(const Json& j, JsonKind kind) {
    switch (kind) {
        case JsonKind::Object: return j.is_object();
        case JsonKind::Array: return j.is_array();
        case JsonKind::String: return j.is_string();
        case JsonKind::Integer: return j.is_number_integer();
        case JsonKind::Boolean: return j.is_boolean();
        case JsonKind::Present: return true;
    }
    return false;
}

inline const char* kindName(JsonKind kind) {
    switch (kind) {
        case JsonKind::Object: return "an object";
        case JsonKind::Array: return "an array";
        case JsonKind::String: return "a string";
        case JsonKind::Integer: return "an integer";
        case JsonKind::Boolean: return "true or false";
        case JsonKind::Present: return "present";
    }
    return "";
}

// The checks for one file: `where` names a field as a JSON path ("batches[2].files[0].path").
class JsonShape {
public:
    explicit JsonShape(std::string file) : file_(std::move(file)) {}

    [[noreturn]] void fail(const std::string& where, const std::string& what) const {
        throw std::runtime_error(file_ + ": " + where + " " + what + " (the file is damaged or was edited by hand)");
    }
    // `j` (named `where`) is of `kind`.
    template <class Json>
    const Json& is(const Json& j, const std::string& where, JsonKind kind) const {
        if (!hasKind(j, kind)) fail(where, std::string("must be ") + kindName(kind));
        return j;
    }
    // Object `j` has `key` of `kind` (absent is fine when `optional`); returns it, or null.
    template <class Json>
    const Json* field(const Json& j, const std::string& where, const char* key, JsonKind kind,
                      bool optional = false) const {
        auto it = j.find(key);
        std::string name = (where.empty() ? "" : where + ".") + key;
        if (it == j.end()) {
            if (optional) return nullptr;
            fail(name, "is missing");
        }
        return &is(*it, name, kind);
    }
    // Array `j` whose every element is of `kind`.
    template <class Json>
    void elements(const Json& j, const std::string& where, JsonKind kind) const {
        is(j, where, JsonKind::Array);
        for (std::size_t i = 0; i < j.size(); ++i) is(j[i], where + "[" + std::to_string(i) + "]", kind);
    }

private:
    std::string file_;
};

}  // namespace anymig::tool
