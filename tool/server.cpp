#include "tool/server.h"

#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/runner.h"
#include "tool/cli_support.h"
#include "tool/common_options.h"

namespace anymig::tool {

namespace {

using nlohmann::json;

CLI::App*& serverCmd() {
    static CLI::App* cmd = nullptr;
    return cmd;
}

// --- transport: "Content-Length: N\r\n\r\n" + N bytes of JSON ------------------------------

std::optional<std::string> readMessage(std::istream& in) {
    std::string line;
    std::size_t length = 0;
    bool sawLength = false;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) {
            if (!sawLength) continue;
            std::string body(length, '\0');
            if (!in.read(body.data(), static_cast<std::streamsize>(length))) return std::nullopt;
            return body;
        }
        const std::string key = "content-length:";
        std::string lower = line.substr(0, key.size());
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower == key) {
            length = std::strtoul(line.c_str() + key.size(), nullptr, 10);
            sawLength = true;
        }
    }
    return std::nullopt;
}

void writeMessage(std::ostream& out, const json& message) {
    std::string body = message.dump(-1, ' ', false, json::error_handler_t::replace);
    out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
    out.flush();
}

// --- positions: LSP counts lines from 0 and characters in UTF-16 code units ----------------

json lspPosition(const std::string& text, std::size_t offset) {
    offset = std::min(offset, text.size());
    std::size_t lineStart = text.rfind('\n', offset == 0 ? std::string::npos : offset - 1);
    lineStart = lineStart == std::string::npos ? 0 : lineStart + 1;
    long line = std::count(text.begin(), text.begin() + static_cast<long>(lineStart), '\n');
    long units = 0;
    for (std::size_t i = lineStart; i < offset;) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        units += len == 4 ? 2 : 1;
        i += static_cast<std::size_t>(len);
    }
    return {{"line", line}, {"character", units}};
}

json lspRange(const std::string& text, std::size_t begin, std::size_t end) {
    return {{"start", lspPosition(text, begin)}, {"end", lspPosition(text, end)}};
}

// The byte offset of an LSP position in `text`.
std::size_t byteOffset(const std::string& text, const json& pos) {
    long line = pos.value("line", 0L), units = pos.value("character", 0L);
    std::size_t at = 0;
    for (long l = 0; l < line && at < text.size(); ++l) {
        std::size_t nl = text.find('\n', at);
        at = nl == std::string::npos ? text.size() : nl + 1;
    }
    while (units > 0 && at < text.size() && text[at] != '\n') {
        unsigned char c = static_cast<unsigned char>(text[at]);
        int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        units -= len == 4 ? 2 : 1;
        at += static_cast<std::size_t>(len);
    }
    return std::min(at, text.size());
}

// --- documents -------------------------------------------------------------------------------

std::string uriToPath(const std::string& uri) {
    std::string rest = uri.rfind("file://", 0) == 0 ? uri.substr(7) : uri;
    std::string path;
    for (std::size_t i = 0; i < rest.size(); ++i) {
        if (rest[i] == '%' && i + 2 < rest.size()) {
            path += static_cast<char>(std::stoi(rest.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            path += rest[i];
        }
    }
    return path;
}

struct Document {
    std::string path;
    std::string text;
};

// What a run over one document needs: the options `migrate` would use for this file, from the
// [tool.anymig] table of its project; `problem` when the configuration cannot be used.
struct FileSetup {
    RunOptions run;
    bool excluded = false;
    std::string problem;
};

FileSetup setupFor(const std::string& path) {
    FileSetup s;
    CommonOptions o;
    o.paths = {path};
    try {
        applyConfig(o);
    } catch (const std::exception& e) {
        s.problem = e.what();
        return s;
    }
    s.run = makeRunOptions(o, RunMode::Check);
    s.excluded = excludeByGlobs({path}, o.configExclude, o.projectDir).empty();
    for (const std::string& r : perFileIgnoresFor(path, o.perFileIgnores, o.projectDir)) s.run.rules.ignore.push_back(r);
    return s;
}

const RuleInfo* ruleOf(const Diagnostic& d) { return PackRegistry::instance().findRule(d.ruleId); }

std::string safetyOf(const Diagnostic& d) {
    const RuleInfo* r = ruleOf(d);
    return r ? toString(r->safety) : "unknown";
}

json lspDiagnostic(const Document& doc, const Diagnostic& d) {
    SourceFile src(doc.path, doc.text);
    std::size_t b = src.offsetOf(d.begin.line, d.begin.column), e = src.offsetOf(d.end.line, d.end.column);
    bool fixable = d.status == SiteStatus::Fixed;
    std::string status = fixable ? "fixable" : toString(d.status);
    int severity = d.status == SiteStatus::NotYetMigrated || d.status == SiteStatus::KeptByPolicy ? 3 : 2;
    return {{"range", lspRange(doc.text, b, std::max(b, e))},
            {"severity", severity},
            {"code", d.ruleId},
            {"source", "anymig"},
            {"message", "[" + status + (fixable ? ", fix: " + safetyOf(d) : "") + "] " + d.message},
            {"data", {{"rule", d.ruleId}, {"name", d.ruleName}, {"status", status}, {"safety", safetyOf(d)},
                      {"site", siteKey(d)}}}};
}

// The edit turning `before` into `after`: one replacement of the span that differs.
json textEdit(const std::string& before, const std::string& after) {
    std::size_t p = 0;
    while (p < before.size() && p < after.size() && before[p] == after[p]) ++p;
    std::size_t s = 0;
    while (s < before.size() - p && s < after.size() - p && before[before.size() - 1 - s] == after[after.size() - 1 - s])
        ++s;
    return {{"range", lspRange(before, p, before.size() - s)}, {"newText", after.substr(p, after.size() - p - s)}};
}

class Server {
public:
    explicit Server(std::ostream& out) : out_(out) {}
    // Returns false once `exit` arrived.
    bool handle(const json& msg);
    int exitCode() const { return shutdown_ ? 0 : 1; }

private:
    void reply(const json& id, json result) { writeMessage(out_, {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}}); }
    void replyError(const json& id, int code, const std::string& message) {
        writeMessage(out_, {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
    }
    void notify(const std::string& method, json params) {
        writeMessage(out_, {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
    }
    json capabilities() const;
    void publish(const std::string& uri);
    json codeActions(const json& params);
    std::optional<json> actionFor(const std::string& uri, const Document& doc, const FileSetup& setup,
                                  const std::string& title, const std::string& kind, RunOptions run, json diagnostics);

    std::ostream& out_;
    std::map<std::string, Document> docs_;
    bool shutdown_ = false;
};

json Server::capabilities() const {
    return {{"capabilities",
             {{"textDocumentSync", {{"openClose", true}, {"change", 1}, {"save", {{"includeText", true}}}}},
              {"codeActionProvider", {{"codeActionKinds", {"quickfix", "source.fixAll", "source.fixAll.anymig"}}}}}},
            {"serverInfo", {{"name", "anymig"}, {"version", ANYMIG_VERSION}}}};
}

void Server::publish(const std::string& uri) {
    json diagnostics = json::array();
    auto it = docs_.find(uri);
    if (it != docs_.end()) {
        const Document& doc = it->second;
        FileSetup setup = setupFor(doc.path);
        if (!setup.problem.empty()) {
            diagnostics.push_back({{"range", lspRange(doc.text, 0, 0)}, {"severity", 1}, {"source", "anymig"},
                                   {"message", "configuration not used: " + setup.problem}});
        } else if (!setup.excluded) {
            FileOutcome outcome = processText(doc.path, doc.text, setup.run);
            if (!outcome.reason.empty())
                diagnostics.push_back({{"range", lspRange(doc.text, 0, 0)}, {"severity", 4}, {"source", "anymig"},
                                       {"message", std::string(toString(outcome.state)) + ": " + outcome.reason}});
            for (const Diagnostic& d : outcome.diagnostics)
                if (d.status != SiteStatus::Suppressed) diagnostics.push_back(lspDiagnostic(doc, d));
        }
    }
    notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", diagnostics}});
}

// One code action: `run` (Migrate mode) over the document's text; none when nothing changes
// or the runner refused the rewrite (it did not parse).
std::optional<json> Server::actionFor(const std::string& uri, const Document& doc, const FileSetup& setup,
                                      const std::string& title, const std::string& kind, RunOptions run,
                                      json diagnostics) {
    run.mode = RunMode::Migrate;
    FileOutcome outcome = processText(doc.path, doc.text, run);
    if (outcome.state != FileState::Changed) return std::nullopt;
    json edit = {{"changes", {{uri, json::array({textEdit(doc.text, outcome.rewritten)})}}}};
    (void)setup;
    return json{{"title", title}, {"kind", kind}, {"diagnostics", std::move(diagnostics)}, {"edit", std::move(edit)}};
}

json Server::codeActions(const json& params) {
    json actions = json::array();
    std::string uri = params["textDocument"].value("uri", "");
    auto it = docs_.find(uri);
    if (it == docs_.end()) return actions;
    const Document& doc = it->second;
    FileSetup setup = setupFor(doc.path);
    if (!setup.problem.empty() || setup.excluded) return actions;
    std::size_t from = byteOffset(doc.text, params["range"]["start"]), to = byteOffset(doc.text, params["range"]["end"]);
    FileOutcome check = processText(doc.path, doc.text, setup.run);
    SourceFile src(doc.path, doc.text);
    std::vector<std::string> safeRules;
    json safeDiagnostics = json::array(), allDiagnostics = json::array();
    for (const Diagnostic& d : check.diagnostics) {
        if (d.status != SiteStatus::Fixed) continue;
        const RuleInfo* rule = ruleOf(d);
        json lsp = lspDiagnostic(doc, d);
        allDiagnostics.push_back(lsp);
        if (rule && rule->safety == FixSafety::Safe) {
            safeDiagnostics.push_back(lsp);
            safeRules.push_back(d.ruleId);
        }
        std::size_t b = src.offsetOf(d.begin.line, d.begin.column), e = src.offsetOf(d.end.line, d.end.column);
        if (e < from || b > to) continue;
        RunOptions one = setup.run;
        one.settings.values[kOnlySiteKey] = siteKey(d);
        std::string title = "anymig: fix " + d.ruleId + " " + d.ruleName + " (" + safetyOf(d) + " fix): " + d.message;
        if (auto a = actionFor(uri, doc, setup, title, "quickfix", one, json::array({lsp}))) {
            (*a)["isPreferred"] = rule && rule->safety == FixSafety::Safe;
            actions.push_back(*a);
        }
    }
    if (!safeRules.empty()) {
        RunOptions safe = setup.run;
        safe.rules.select = safeRules;
        std::string title = "anymig: fix all safe sites in this file (" + std::to_string(safeDiagnostics.size()) + ")";
        if (auto a = actionFor(uri, doc, setup, title, "source.fixAll.anymig", safe, safeDiagnostics)) actions.push_back(*a);
    }
    if (allDiagnostics.size() > safeDiagnostics.size()) {
        std::string title = "anymig: apply every fix `anymig migrate` would in this file (" +
                            std::to_string(allDiagnostics.size()) + ", conditional fixes included)";
        if (auto a = actionFor(uri, doc, setup, title, "source.fixAll", setup.run, allDiagnostics)) actions.push_back(*a);
    }
    return actions;
}

bool Server::handle(const json& msg) {
    std::string method = msg.value("method", "");
    json id = msg.contains("id") ? msg["id"] : json();
    const json params = msg.contains("params") ? msg["params"] : json::object();
    if (method == "initialize") {
        reply(id, capabilities());
    } else if (method == "shutdown") {
        shutdown_ = true;
        reply(id, nullptr);
    } else if (method == "exit") {
        return false;
    } else if (method == "textDocument/didOpen") {
        const json& td = params["textDocument"];
        std::string uri = td.value("uri", "");
        docs_[uri] = Document{uriToPath(uri), td.value("text", "")};
        publish(uri);
    } else if (method == "textDocument/didChange") {
        std::string uri = params["textDocument"].value("uri", "");
        auto it = docs_.find(uri);
        if (it != docs_.end() && !params["contentChanges"].empty())
            it->second.text = params["contentChanges"].back().value("text", it->second.text);
        publish(uri);
    } else if (method == "textDocument/didSave") {
        std::string uri = params["textDocument"].value("uri", "");
        auto it = docs_.find(uri);
        if (it != docs_.end() && params.contains("text")) it->second.text = params.value("text", it->second.text);
        publish(uri);
    } else if (method == "textDocument/didClose") {
        std::string uri = params["textDocument"].value("uri", "");
        docs_.erase(uri);
        publish(uri);
    } else if (method == "textDocument/codeAction") {
        reply(id, codeActions(params));
    } else if (!id.is_null()) {
        replyError(id, -32601, "method not supported: " + method);
    }
    return true;
}

}  // namespace

void addServerCommand(CLI::App& app) {
    serverCmd() = app.add_subcommand(
        "server", "Language server (LSP over standard input/output): diagnostics and fixes in the editor");
}

bool serverCommandParsed() { return serverCmd() && serverCmd()->parsed(); }

int runServer(std::istream& in, std::ostream& out) {
    Server server(out);
    while (std::optional<std::string> body = readMessage(in)) {
        json msg = json::parse(*body, nullptr, false);
        if (msg.is_discarded() || !msg.is_object()) {
            writeMessage(out, {{"jsonrpc", "2.0"}, {"id", nullptr}, {"error", {{"code", -32700}, {"message", "parse error"}}}});
            continue;
        }
        try {
            if (!server.handle(msg)) return server.exitCode();
        } catch (const std::exception& e) {
            if (msg.contains("id"))
                writeMessage(out, {{"jsonrpc", "2.0"}, {"id", msg["id"]}, {"error", {{"code", -32603}, {"message", e.what()}}}});
        }
    }
    return 1;
}

}  // namespace anymig::tool
