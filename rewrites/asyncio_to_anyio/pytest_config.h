// pytest configuration files as the pytest rule (AM215) sees them: which file pytest
// reads (pytest.ini, .pytest.ini, pyproject.toml, tox.ini, setup.cfg), and where each
// key of its pytest section sits, so that edits stay byte-precise line edits.
// toml++ reads pyproject.toml; the INI files are read line by line as pytest's iniconfig
// does (sections, `key = value` / `key: value`, indented continuation lines, # and ; comments).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace anymig::asyncio_to_anyio {

enum class ConfigKind { PytestIni, ToxIni, SetupCfg, PyprojectToml, None };

// The kind of config a file name (base name) is; None for any other name.
ConfigKind configKindOf(std::string_view path);

struct ConfigKey {
    std::string key;
    std::string value;        // unquoted for TOML strings, comment-stripped for INI
    // The whole value as a report shows it: INI continuation lines joined with newlines (no
    // comment stripping); TOML arrays joined with spaces, numbers and booleans as text.
    std::string full;
    std::size_t lineBegin = 0;  // offset of the line's first byte
    std::size_t keyBegin = 0;   // offset of the key
    std::size_t valueEnd = 0;   // offset after the value
    std::size_t lineEnd = 0;    // offset after the line terminator (next line's start)
    bool continued = false;     // INI: the value goes on over indented lines
    bool simple = true;         // TOML: `key = value` on one line of its own
};

// The keys of the file's pytest section, in order. Sets `error` for a TOML file that does not parse.
std::vector<ConfigKey> pytestKeys(ConfigKind kind, std::string_view text, std::string* error = nullptr);

// True when this file is one pytest would take as its config (pytest.ini always; the others
// when they hold a pytest section).
bool isPytestConfig(ConfigKind kind, std::string_view text);

// For a file on disk: the value of `asyncio_mode` in the pytest config that applies to it
// (the nearest one walking up, as pytest finds it), "" when none sets it, nullopt when the
// file is not on disk.
std::optional<std::string> asyncioModeOnDisk(const std::string& path);

// For a file on disk: true when a conftest.py in its directory or above (up to the pytest
// config's directory) defines or will be given an anyio_backend fixture (it mentions
// anyio_backend or asyncio); nullopt when the file is not on disk.
std::optional<bool> anyioBackendReachable(const std::string& path);

// For a conftest.py on disk: true when another conftest.py sits above it (up to the pytest
// config's directory); false when not on disk.
bool hasConftestAbove(const std::string& path);

}  // namespace anymig::asyncio_to_anyio
