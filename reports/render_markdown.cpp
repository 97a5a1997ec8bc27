// The Markdown rendering: the sections of the hand-written batch report
// (the seed report in ../shared/seed/), filled with measured numbers and real
// examples from the run. Nothing is claimed that the report did not measure.
#include <algorithm>
#include <sstream>

#include "reports/internal.h"

namespace anymig::reports {

namespace detail {

std::string htmlEscape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string withCommas(long long n) {
    std::string d = std::to_string(n < 0 ? -n : n), out;
    for (std::size_t i = 0; i < d.size(); ++i) {
        if (i && (d.size() - i) % 3 == 0) out += ',';
        out += d[i];
    }
    return n < 0 ? "-" + out : out;
}

std::string fenceFor(const std::string& text) {
    std::size_t longest = 0, run = 0;
    for (char c : text) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

std::string plural(long long n, const char* one, const char* many) {
    return withCommas(n) + " " + (n == 1 ? one : many);
}

}  // namespace detail

using namespace detail;
using nlohmann::json;

namespace {


// Inline code that survives backticks in the text.
std::string code(const std::string& s) {
    std::string one = s;
    std::replace(one.begin(), one.end(), '\n', ' ');
    std::size_t ticks = 0, run = 0;
    for (char c : one) {
        run = c == '`' ? run + 1 : 0;
        ticks = std::max(ticks, run);
    }
    std::string fence(ticks + 1, '`');
    bool pad = !one.empty() && (one.front() == '`' || one.back() == '`');
    return fence + (pad ? " " : "") + one + (pad ? " " : "") + fence;
}

// Text placed in Markdown outside code: keep it from being read as markup.
std::string text(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '\n') {
            out += ' ';
            continue;
        }
        if (std::string("\\`*_[]<|").find(c) != std::string::npos) out += '\\';
        out += c;
    }
    return out;
}

std::string block(const std::string& lang, const std::string& body) {
    std::string b = body;
    if (!b.empty() && b.back() != '\n') b += '\n';
    std::string f = fenceFor(b);
    return f + lang + "\n" + b + f + "\n";
}

std::string title(const json& view) {
    const json& batches = view["batches"];
    std::vector<std::string> ids;
    bool allNamed = true;
    for (const json& b : batches) {
        if (b["batch"].is_string()) ids.push_back(b["batch"].get<std::string>());
        else allNamed = false;
    }
    const std::string name = wordsOf(view).title;
    if (allNamed && ids.size() == 1) return name + " - Batch " + ids[0] + " Report";
    if (allNamed && !ids.empty()) {
        std::string t = name + " - Batches ";
        for (std::size_t i = 0; i < ids.size(); ++i)
            t += (i == 0 ? "" : i + 1 == ids.size() ? " & " : ", ") + ids[i];
        return t + " Summary";
    }
    return name + (batches.size() > 1 ? " - Project Report" : " Report");
}

std::string fileLine(const json& f) {
    std::ostringstream o;
    o << "- " << code(str(f, "path")) << " - ";
    std::string st = str(f, "state");
    std::vector<std::string> parts;
    if (st == "changed")
        parts.push_back("+" + withCommas(num(f, "lines_added")) + " -" + withCommas(num(f, "lines_removed")) + " lines");
    else if (st == "unchanged")
        parts.push_back("unchanged");
    else
        parts.push_back(st + (str(f, "reason").empty() ? "" : ": " + text(str(f, "reason"))));
    if (!f["edits"].empty()) {
        std::map<std::string, int> byRule;
        for (const json& e : f["edits"]) byRule[str(e, "rule_id") + " " + str(e, "rule_name")]++;
        std::string rules;
        for (const auto& [r, n] : byRule) rules += (rules.empty() ? "" : ", ") + r + " ×" + std::to_string(n);
        parts.push_back(plural(static_cast<long long>(f["edits"].size()), "edit", "edits") + " (" + rules + ")");
    }
    if (!f["not_migrated"].empty())
        parts.push_back(plural(static_cast<long long>(f["not_migrated"].size()), "site", "sites") + " not migrated");
    if (!f["suppressed"].empty()) parts.push_back(withCommas(static_cast<long long>(f["suppressed"].size())) + " suppressed");
    for (std::size_t i = 0; i < parts.size(); ++i) o << (i ? "; " : "") << parts[i];
    o << "\n";
    return o.str();
}

void filesSection(std::ostringstream& md, const json& groups, const std::string& heading) {
    std::size_t total = 0;
    for (const json& g : groups) total += g["files"].size();
    md << "## " << heading << " (" << plural(static_cast<long long>(total), "file", "files") << ")\n\n";
    if (total == 0) {
        md << "No file needed analysis.\n\n";
        return;
    }
    for (const json& g : groups) {
        md << "### " << text(str(g, "name")) << " (" << plural(static_cast<long long>(g["files"].size()), "file", "files")
           << ")\n";
        for (const json& f : g["files"]) md << fileLine(f);
        md << "\n";
    }
}

// What every section of the Markdown report reads: the merged view and facts about it.
struct MarkdownView {
    const json& view;
    const json& sc;       // view["scale"]
    const json& batches;  // view["batches"]
    bool multi = false;     // several batches
    bool anyCheck = false;  // some report is from `check`
    bool anyDry = false;    // some `migrate` report used --diff
    Words words;
};

// The title, and which runs the report covers.
void overviewSection(std::ostringstream& md, const MarkdownView& m) {
    const json& view = m.view;
    const json& batches = m.batches;
    const bool anyCheck = m.anyCheck;
    const bool anyDry = m.anyDry;
    md << "# " << title(view) << "\n\n";
    md << "## Overview\n";
    md << "Generated by anymig " << text(str(view["tool"], "version")) << " with the " << text(str(view["pack"], "name"))
       << " pack " << text(str(view["pack"], "version")) << " from " << plural(static_cast<long long>(batches.size()), "report", "reports")
       << ". ";
    if (anyCheck)
        md << "Reports from `check` list fixable sites without changing any file. ";
    if (anyDry)
        md << "Some `migrate` runs used `--diff`: their changes were computed but not written. ";
    md << "Every number below was measured by anymig on the files it processed.\n\n";
    if (view.contains("targets") && !view["targets"].empty()) {
        md << "Targets:";
        bool first = true;
        for (const json& t : view["targets"]) {
            md << (first ? " " : "; ") << text(str(t, "name")) << " " << text(str(t, "value")) << " ("
               << text(str(t, "source")) << ")";
            first = false;
        }
        md << ".\n\n";
    }
    for (const json& b : batches)
        md << "- **" << batchLabel(b) << "** (`" << str(b, "command") << "`, " << text(str(b, "date")) << "): "
           << plural(num(b, "files_scanned"), "file", "files") << " scanned, " << withCommas(num(b, "files_modified"))
           << " modified, " << plural(num(b, "edits"), "edit", "edits") << "\n";
    md << "\n";
}

// Files, lines, edits and what remains, with edits by rule and by category.
void scaleSection(std::ostringstream& md, const MarkdownView& m) {
    const json& sc = m.sc;
    const bool anyCheck = m.anyCheck;
    const Words& words = m.words;
    md << "## Migration Scale\n";
    md << "- **Files Scanned**: " << withCommas(num(sc, "files_scanned")) << "\n";
    md << "- **Files Modified**: " << withCommas(num(sc, "files_modified")) << "\n";
    md << "- **Files Skipped**: " << withCommas(num(sc, "files_skipped"));
    if (!sc["skipped"].empty()) {
        md << "\n";
        for (const json& s : sc["skipped"])
            md << "  - " << code(str(s, "path")) << " (" << str(s, "state") << "): " << text(str(s, "reason")) << "\n";
    } else {
        md << "\n";
    }
    md << "- **Lines Changed**: +" << withCommas(num(sc, "lines_added")) << " / -" << withCommas(num(sc, "lines_removed"))
       << "\n";
    md << "- **Edits**: " << withCommas(num(sc, "edits")) << (anyCheck ? " (in `check` reports: fixable, not applied)" : "")
       << "\n";
    md << "- **Import Changes**: " << withCommas(num(sc["target_imports"], "before")) << " " << words.target << " imports before, "
       << withCommas(num(sc["target_imports"], "after")) << " after\n";
    const json& lm = sc["legacy_mentions"];
    md << "- **Remaining " << words.legacy << "**: " << plural(num(sc, "legacy_sites_remaining"), "site", "sites") << " not migrated";
    if (num(sc, "legacy_sites_outside_batch"))
        md << " (" << withCommas(num(sc, "legacy_sites_outside_batch")) << " outside the migrated batches)";
    md << "; mentions in code " << withCommas(num(lm["before"], "code")) << " → " << withCommas(num(lm["after"], "code"))
       << ", in comments " << withCommas(num(lm["before"], "comments")) << " → " << withCommas(num(lm["after"], "comments"))
       << ", in docstrings and strings " << withCommas(num(lm["before"], "docstrings")) << " → "
       << withCommas(num(lm["after"], "docstrings")) << "\n";
    if (num(sc, "suppressed_sites"))
        md << "- **Suppressed**: " << plural(num(sc, "suppressed_sites"), "site", "sites") << " (`# anymig: ignore`)\n";
    md << "\n";
    if (!sc["edits_by_rule"].empty()) {
        md << "### Edits by rule\n| Rule | Name | Category | Edits |\n|---|---|---|---:|\n";
        for (const json& r : sc["edits_by_rule"])
            md << "| " << str(r, "rule_id") << " | " << str(r, "rule_name") << " | " << str(r, "category") << " | "
               << withCommas(num(r, "count")) << " |\n";
        md << "\n### Edits by pattern category\n| Category | Edits |\n|---|---:|\n";
        for (const json& r : sc["edits_by_category"])
            md << "| " << str(r, "category") << " | " << withCommas(num(r, "count")) << " |\n";
        md << "\n";
    }
}

// Per-batch progress (several reports), then the files of each batch.
void progressSection(std::ostringstream& md, const MarkdownView& m) {
    const json& view = m.view;
    const json& batches = m.batches;
    const bool multi = m.multi;
    if (multi) {
        md << "## Progress over Batches\n";
        md << "| Batch | Date | Files modified | Edits | Lines +/- | Not migrated in batch | Outside batch | Legacy sites "
              "remaining |\n|---|---|---:|---:|---:|---:|---:|---:|\n";
        for (const json& b : batches)
            md << "| " << text(batchLabel(b)) << " | " << text(str(b, "date")) << " | " << withCommas(num(b, "files_modified"))
               << " | " << withCommas(num(b, "edits")) << " | +" << withCommas(num(b, "lines_added")) << " / -"
               << withCommas(num(b, "lines_removed")) << " | " << withCommas(num(b, "legacy_sites_in_batch")) << " | "
               << withCommas(num(b, "legacy_sites_outside_batch")) << " | " << withCommas(num(b, "legacy_sites_total"))
               << " |\n";
        md << "\n";
    }

    if (multi || batches[0]["batch"].is_string())
        for (const json& b : batches) filesSection(md, b["groups"], batchLabel(b) + " Files");
    else
        filesSection(md, view["groups"], "Files");
}

// One example of each pattern category that was migrated.
void patternsSection(std::ostringstream& md, const MarkdownView& m) {
    const json& view = m.view;
    const json& sc = m.sc;
    const bool anyCheck = m.anyCheck;
    md << "## Migration Patterns Applied\n";
    if (view["examples"].empty()) md << "No pattern was migrated" << (anyCheck ? " or found fixable" : "") << ".\n";
    int n = 0;
    for (const json& e : view["examples"]) {
        std::string cat = str(e, "category");
        long long count = 0;
        for (const json& c : sc["edits_by_category"])
            if (c["category"] == cat) count = num(c, "count");
        md << "\n### " << ++n << ". " << text(cat) << " (" << str(e, "rule_id") << " " << str(e, "rule_name") << ")";
        if (cat != "import") md << " - " << plural(count, "edit", "edits");
        md << "\n";
        std::string before = str(e, "before"), after = str(e, "after");
        const std::string& rem = m.words.lineComment;
        md << block(m.words.codeLanguage, rem + " Before:\n" + (before.empty() ? rem + " (nothing)\n" : before) +
                                              (before.empty() || before.back() == '\n' ? "" : "\n") + "\n" + rem +
                                              " After:\n" + after);
        md << "From " << code(str(e, "path")) << (cat == "import" ? "" : ", line " + std::to_string(num(e, "line")))
           << ": " << text(str(e, "message")) << "\n";
    }
    md << "\n";
}

// The sites not migrated, by reason and pattern, and the suppressed ones.
void notMigratedSection(std::ostringstream& md, const MarkdownView& m) {
    const json& view = m.view;
    md << "## Complex Patterns Documented (Not Migrated)\n";
    long long totalNot = 0;
    for (const json& r : view["not_migrated"]) totalNot += num(r, "count");
    if (totalNot == 0) md << "Every legacy site found was migrated.\n\n";
    else md << plural(totalNot, "site was", "sites were") << " not migrated, grouped by reason and pattern.\n\n";
    for (const json& r : view["not_migrated"]) {
        if (num(r, "count") == 0) continue;
        md << "### " << text(str(r, "title")) << " (" << plural(num(r, "count"), "site", "sites") << ")\n";
        int k = 0;
        for (const json& p : r["patterns"]) {
            const json& first = p["sites"][0];
            md << "\n#### " << ++k << ". " << text(str(p, "message")) << "\n";
            md << "**Rule**: " << str(p, "rule_id") << " " << str(p, "rule_name") << " (" << str(p, "category") << ")  \n";
            md << "**Status**: " << str(first, "status") << "  \n";
            md << "**Sites**: " << withCommas(num(p, "count")) << " in " << plural(num(p, "files"), "file", "files") << "\n\n";
            md << "**Example** (" << code(str(first, "path") + ":" + std::to_string(num(first, "line"))) << "):\n";
            md << block(m.words.codeLanguage, str(first, "before"));
            md << "\n";
            for (const json& s : p["sites"])
                md << "- " << code(str(s, "path") + ":" + std::to_string(num(s, "line")) + ":" +
                                   std::to_string(num(s, "column")))
                   << "\n";
        }
        md << "\n";
    }
    if (!view["suppressed"].empty()) {
        md << "### Suppressed (" << plural(static_cast<long long>(view["suppressed"].size()), "site", "sites") << ")\n";
        for (const json& s : view["suppressed"])
            md << "- " << code(str(s, "path") + ":" + std::to_string(num(s, "line")) + ":" + std::to_string(num(s, "column")))
               << " " << str(s, "rule_id") << ": " << text(str(s, "message")) << "\n";
        md << "\n";
    }
}

// The counts the pack labels ("@x: 3, @y: 0, z defined: yes").
std::string labelledCounts(const json& ti, const TestingLabels& l) {
    std::string out;
    for (const auto& [label, key] : l.counts)
        out += (out.empty() ? "" : ", ") + label + ": " + withCommas(num(ti, key.c_str()));
    if (!l.flagKey.empty())
        out += (out.empty() ? "" : ", ") + l.flagLabel + " defined: " + (ti.value(l.flagKey, false) ? "yes" : "no");
    return out;
}

// The test configuration files and their settings.
void testConfigSection(std::ostringstream& md, const json& ti, const TestingLabels& l) {
    md << "## Testing Impact\n\n### " << l.configHeading << "\n";
    if (!ti.value("scanned", false)) md << "Not scanned.\n";
    else if (ti["config_files"].empty()) md << "No " << l.config << " file was found under the scanned roots.\n";
    for (const json& c : ti["config_files"]) {
        md << "File " << code(str(c, "path")) << " (" << text(str(c, "section")) << ")";
        if (c["settings"].empty()) md << " has no settings.\n";
        else {
            std::string body;
            for (const auto& [k, v] : c["settings"].items()) body += k + " = " + v.get<std::string>() + "\n";
            md << " has:\n" << block("ini", body);
        }
        for (const json& need : c["needs"]) md << "- " << text(need.get<std::string>()) << "\n";
        md << "\n";
    }
}

// The test configuration and test files, and what they need (the pack's testing_impact).
void testingImpactSection(std::ostringstream& md, const MarkdownView& m) {
    const json& ti = m.view["testing_impact"];
    const TestingLabels l = testingLabelsOf(ti);
    testConfigSection(md, ti, l);
    md << "\n### Test Files\n";
    if (ti.value("scanned", false)) {
        long long inRun = 0;
        for (const json& t : ti["test_files"]) inRun += t["in_run"].get<bool>() ? 1 : 0;
        std::string counts = labelledCounts(ti, l);
        md << plural(static_cast<long long>(ti["test_files"].size()), "test file", "test files") << " and "
           << plural(static_cast<long long>(ti["conftest_files"].size()), l.setupFile.c_str(), (l.setupFile + " files").c_str())
           << " found under the scanned roots (test files processed in this run: " << withCommas(inRun) << ")."
           << (counts.empty() ? "" : " " + counts + ".") << "\n\n";
        for (const json* list : {&ti["conftest_files"], &ti["test_files"]})
            for (const json& t : *list) {
                if (t["needs"].empty()) continue;
                md << "- " << code(str(t, "path")) << ": ";
                bool first = true;
                for (const json& need : t["needs"]) {
                    md << (first ? "" : "; ") << text(need.get<std::string>());
                    first = false;
                }
                md << "\n";
            }
        if (!ti["needs"].empty()) {
            md << "\nWhat the tests need:\n";
            for (const json& need : ti["needs"]) md << "- " << text(need.get<std::string>()) << "\n";
        }
    }
    md << "\n";
}

// The re-parse check and the compile check.
// Each module that used the legacy library: free of it now, or what it still uses.
void readinessSection(std::ostringstream& md, const MarkdownView& m) {
    if (!m.view.contains("readiness")) return;
    const json& r = m.view["readiness"];
    std::string label = str(r, "label");
    if (!label.empty()) label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
    long long ready = 0, total = static_cast<long long>(r["modules"].size());
    for (const json& mod : r["modules"]) ready += mod["uses"].empty() ? 1 : 0;
    md << "## " << text(label) << "\n";
    md << withCommas(ready) << " of " << plural(total, "module", "modules") << " that used " << text(m.words.legacy)
       << " no longer use it.\n";
    if (ready < total) {
        md << "\n| Module | State | " << text(m.words.legacy) << " uses left |\n|---|---|---|\n";
        for (const json& mod : r["modules"]) {
            if (mod["uses"].empty()) continue;
            std::string uses;
            for (const json& u : mod["uses"]) uses += (uses.empty() ? "" : ", ") + u.get<std::string>();
            md << "| " << code(str(mod, "path")) << " | " << text(str(mod, "state")) << " | " << text(uses) << " |\n";
        }
    }
    md << "\n";
}

void verificationSection(std::ostringstream& md, const MarkdownView& m) {
    const json& view = m.view;
    const json& ve = view["verification"];
    md << "## Verification\n\n### Syntax Check\n";
    md << "- Files re-parsed after rewriting: " << withCommas(num(ve, "files_reparsed")) << "\n";
    md << "- Syntax errors introduced: " << withCommas(num(ve, "syntax_errors_introduced")) << "\n";
    for (const json& e : ve["syntax_errors"]) md << "  - " << code(str(e, "path")) << ": " << text(str(e, "error")) << "\n";
    md << "- Rewrites refused because the result would not parse (files left unchanged): "
       << withCommas(static_cast<long long>(ve["rewrites_refused"].size())) << "\n";
    for (const json& e : ve["rewrites_refused"]) md << "  - " << code(str(e, "path")) << ": " << text(str(e, "reason")) << "\n";
    md << "\n### Compile Check\n";
    if (ve["compile"].is_null()) {
        md << "Not run (pass `--verify-compile` to compile every changed file).\n";
    } else {
        const json& c = ve["compile"];
        md << withCommas(num(c, "ok")) << " of " << plural(num(c, "files"), "changed file", "changed files")
           << " compiled with " << code(compileCommandOf(c)) << ":\n";
        std::string body;
        for (const json& r : c["results"]) {
            body += compileCommandOf(c) + " " + str(r, "path") + "  # " + (r["ok"].get<bool>() ? "ok" : "FAILED") + "\n";
            if (!r["ok"].get<bool>())
                for (std::istringstream in(str(r, "output")); ;) {
                    std::string line;
                    if (!std::getline(in, line)) break;
                    body += "#   " + line + "\n";
                }
        }
        md << block("bash", body);
    }
    md << "\n";
}

// What is left: sites by category and file, mentions outside code, files not processed.
void remainingWorkSection(std::ostringstream& md, const MarkdownView& m) {
    const json& view = m.view;
    const Words& words = m.words;
    const json& rw = view["remaining_work"];
    md << "## Remaining Work\n\n### Files Still Using " << words.legacy << " (" << plural(num(rw, "legacy_sites"), "site", "sites") << ")\n";
    if (rw["by_category"].empty()) md << "No legacy site remains in the processed files.\n";
    else {
        md << "| Category | Sites |\n|---|---:|\n";
        for (const json& c : rw["by_category"]) md << "| " << str(c, "category") << " | " << withCommas(num(c, "count")) << " |\n";
        md << "\nFiles:\n";
        for (const json& f : rw["files_with_legacy_sites"])
            md << "- " << code(str(f, "path")) << ": " << plural(num(f, "count"), "site", "sites") << "\n";
    }
    md << "\nMentions of " << words.legacy << " outside code that remain: " << withCommas(num(rw["mentions_outside_code"], "comments"))
       << " in comments, " << withCommas(num(rw["mentions_outside_code"], "docstrings")) << " in docstrings and strings.\n";
    if (!rw["files_not_processed"].empty()) {
        md << "\nFiles not processed:\n";
        for (const json& s : rw["files_not_processed"])
            md << "- " << code(str(s, "path")) << ": " << text(str(s, "reason")) << "\n";
    }
    md << "\n";
}

// The numbered next steps.
void nextStepsSection(std::ostringstream& md, const MarkdownView& m) {
    const json& view = m.view;
    md << "## Next Steps\n";
    std::vector<std::string> steps = nextSteps(view);
    for (std::size_t i = 0; i < steps.size(); ++i) md << i + 1 << ". " << steps[i] << "\n";
}

}  // namespace

std::string renderMarkdown(const std::vector<json>& reports) {
    json view = mergeReports(reports);
    std::ostringstream md;
    if (reports.empty()) return "# Migration Report\n\nNo reports were given.\n";
    MarkdownView m{view, view["scale"], view["batches"]};
    m.multi = m.batches.size() > 1;
    for (const json& b : m.batches) {
        m.anyCheck = m.anyCheck || b["command"] == "check";
        m.anyDry = m.anyDry || (b["command"] == "migrate" && !b["wrote_files"].get<bool>());
    }
    m.words = wordsOf(view);
    overviewSection(md, m);
    scaleSection(md, m);
    progressSection(md, m);
    patternsSection(md, m);
    notMigratedSection(md, m);
    testingImpactSection(md, m);
    readinessSection(md, m);
    verificationSection(md, m);
    remainingWorkSection(md, m);
    nextStepsSection(md, m);
    return md.str();
}

namespace detail {

std::vector<std::string> nextSteps(const json& view) {
    const json& sc = view["scale"];
    const json& ti = view["testing_impact"];
    const json& ve = view["verification"];
    const Words words = wordsOf(view);
    std::vector<std::string> steps;
    auto reasonCount = [&](const char* id) -> long long {
        for (const json& r : view["not_migrated"])
            if (r["reason"] == id) return num(r, "count");
        return 0;
    };
    if (long long x = reasonCount("fixable")) steps.push_back("Run `anymig migrate` to apply the " + plural(x, "fixable site", "fixable sites") + ".");
    if (long long x = reasonCount("needs-review"))
        steps.push_back("Review the " + plural(x, "site", "sites") + " flagged for review (see Complex Patterns) and migrate them by hand.");
    if (long long x = reasonCount("no-equivalent"))
        steps.push_back("Redesign the " + plural(x, "site", "sites") + " with no " + words.target + " equivalent.");
    if (long long x = reasonCount("not-yet-migrated"))
        steps.push_back("Migrate the " + plural(x, (words.legacy + " reference").c_str(), (words.legacy + " references").c_str()) + " no rule handles yet.");
    if (long long x = reasonCount("outside-batch"))
        steps.push_back("Migrate the remaining batches: " + plural(x, "site", "sites") + " outside the migrated batches.");
    if (long long x = reasonCount("syntax-error"))
        steps.push_back("Fix the syntax errors that kept " + plural(x, "site", "sites") + " from being migrated, then run again.");
    if (!ti["needs"].empty()) steps.push_back("Update the tests as listed under Testing Impact.");
    if (ve["compile"].is_null() && num(sc, "files_modified"))
        steps.push_back("Compile the changed files with the project's Python (`--verify-compile`).");
    else if (!ve["compile"].is_null() && num(ve["compile"], "failed"))
        steps.push_back("Fix the " + plural(num(ve["compile"], "failed"), "file", "files") + " that failed to compile.");
    if (num(sc, "files_modified") && !words.finalStep.empty()) steps.push_back(words.finalStep);
    if (steps.empty()) steps.push_back("Nothing left to migrate in the processed files.");
    return steps;
}

}  // namespace detail

}  // namespace anymig::reports
