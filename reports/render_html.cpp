// The HTML rendering: one self-contained page for reviewers (inline CSS, JS and SVG; a
// Content-Security-Policy forbids every external resource). Every piece of text from the
// report is HTML-escaped.
#include <algorithm>
#include <sstream>

#include "core/unified_diff.h"
#include "reports/internal.h"

namespace anymig::reports {

using namespace detail;
using nlohmann::json;

namespace {

const char* kStyle = R"CSS(
:root{--fg:#1d2433;--muted:#5b6478;--line:#d9dee8;--bg:#f6f7fb;--card:#fff;--add:#e6ffec;--del:#ffebe9;--accent:#2f5fd0;--warn:#b35900;--bad:#c62828;--ok:#1b7f3b}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{background:#1d2433;color:#fff;padding:20px 32px}
header h1{margin:0 0 4px;font-size:24px}
header p{margin:0;color:#c9d1e3}
main{max-width:1200px;margin:0 auto;padding:16px 32px 48px}
section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:16px 0}
h2{margin:0 0 12px;font-size:20px}
h3{font-size:16px;margin:16px 0 8px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:12px}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:#fbfcff}
.card .value{font-size:26px;font-weight:700;display:block}
.card .label{color:var(--muted);font-size:13px}
.card.bad .value{color:var(--bad)}.card.ok .value{color:var(--ok)}
table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:#f0f2f8;font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
code,pre{font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{background:#f6f8fa;border:1px solid var(--line);border-radius:6px;padding:8px 10px;overflow-x:auto;margin:6px 0}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:16px}
@media (max-width:900px){.charts{grid-template-columns:1fr}}
svg text{font:12px system-ui,sans-serif;fill:var(--fg)}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:12px}
.pair h4{margin:4px 0;color:var(--muted);font-size:13px}
details{border:1px solid var(--line);border-radius:6px;margin:6px 0;background:#fff}
details>summary{cursor:pointer;padding:6px 10px}
details>pre{margin:0 10px 10px}
.diff span{display:block;white-space:pre}
.diff .add{background:var(--add)}.diff .del{background:var(--del)}.diff .hunk{color:var(--accent)}.diff .meta{color:var(--muted)}
.tag{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;background:#eef1f8;color:var(--muted);margin-left:6px}
.tag.changed{background:#e3f4e8;color:var(--ok)}.tag.skipped{background:#fdecea;color:var(--bad)}
.toolbar{margin:4px 0 10px}
.toolbar button{font:inherit;padding:3px 10px;margin-right:6px;border:1px solid var(--line);background:#fff;border-radius:6px;cursor:pointer}
.toolbar input{font:inherit;padding:3px 8px;border:1px solid var(--line);border-radius:6px;width:260px}
.muted{color:var(--muted)}
ul{margin:6px 0;padding-left:22px}
.pair>div,.charts>div{min-width:0}
td pre{white-space:pre-wrap;word-break:break-word}
td.date{white-space:nowrap}
table.sites td.code{width:60%}
td.code pre{min-width:16em}
section{overflow-x:auto}
)CSS";

const char* kScript = R"JS(
(function () {
  'use strict';
  function all(open) {
    document.querySelectorAll('#files details').forEach(function (d) { d.open = open; });
  }
  var ex = document.getElementById('expand-all');
  var co = document.getElementById('collapse-all');
  var filter = document.getElementById('file-filter');
  if (ex) ex.addEventListener('click', function () { all(true); });
  if (co) co.addEventListener('click', function () { all(false); });
  if (filter) filter.addEventListener('input', function () {
    var q = filter.value.toLowerCase();
    document.querySelectorAll('#files details').forEach(function (d) {
      d.style.display = (d.getAttribute('data-path') || '').toLowerCase().indexOf(q) >= 0 ? '' : 'none';
    });
  });
  document.documentElement.setAttribute('data-report-ready', String(document.querySelectorAll('#files details').length));
})();
)JS";

std::string e(const std::string& s) { return htmlEscape(s); }

// Backtick spans of the plain-text messages (next steps) as <code>.
std::string inlineCode(const std::string& s) {
    std::string out;
    bool in = false;
    std::string buf;
    for (char c : s) {
        if (c == '`') {
            out += in ? "<code>" + e(buf) + "</code>" : e(buf);
            buf.clear();
            in = !in;
        } else {
            buf += c;
        }
    }
    out += in ? "`" + e(buf) : e(buf);
    return out;
}

std::string card(const std::string& metric, const std::string& value, const std::string& label,
                 const std::string& cls = "") {
    return "<div class=\"card " + cls + "\" data-metric=\"" + e(metric) + "\"><span class=\"value\">" + e(value) +
           "</span><span class=\"label\">" + e(label) + "</span></div>\n";
}

std::string diffHtml(const std::string& diff) {
    std::string out = "<pre class=\"diff\">";
    std::istringstream in(diff);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const char* cls = "ctx";
        if (line.rfind("+++", 0) == 0 || line.rfind("---", 0) == 0 || line.rfind("\\", 0) == 0) cls = "meta";
        else if (line.rfind("@@", 0) == 0) cls = "hunk";
        else if (!line.empty() && line[0] == '+') cls = "add";
        else if (!line.empty() && line[0] == '-') cls = "del";
        out += std::string("<span class=\"") + cls + "\">" + e(line) + "</span>";
    }
    return out + "</pre>";
}

// A vertical bar chart (one bar per label).
std::string barChart(const std::string& id, const std::string& caption,
                     const std::vector<std::pair<std::string, long long>>& bars) {
    std::ostringstream s;
    long long max = 1;
    for (const auto& b : bars) max = std::max(max, b.second);
    const int barW = 46, gap = 18, top = 24, chartH = 180, left = 40;
    int width = std::max(320, left + static_cast<int>(bars.size()) * (barW + gap) + gap);
    int height = top + chartH + 48;
    s << "<svg id=\"" << e(id) << "\" role=\"img\" aria-label=\"" << e(caption) << "\" width=\"" << width
      << "\" height=\"" << height << "\" viewBox=\"0 0 " << width << " " << height << "\">";
    s << "<title>" << e(caption) << "</title>";
    s << "<line x1=\"" << left << "\" y1=\"" << top + chartH << "\" x2=\"" << width - 4 << "\" y2=\"" << top + chartH
      << "\" stroke=\"#9aa3b5\"/>";
    s << "<text x=\"" << left - 6 << "\" y=\"" << top + 4 << "\" text-anchor=\"end\">" << max << "</text>";
    s << "<text x=\"" << left - 6 << "\" y=\"" << top + chartH << "\" text-anchor=\"end\">0</text>";
    int x = left + gap;
    for (const auto& [label, v] : bars) {
        int h = static_cast<int>(static_cast<double>(v) / static_cast<double>(max) * chartH);
        s << "<g class=\"bar\" data-label=\"" << e(label) << "\" data-value=\"" << v << "\">";
        s << "<rect x=\"" << x << "\" y=\"" << top + chartH - h << "\" width=\"" << barW << "\" height=\"" << h
          << "\" fill=\"#2f5fd0\" rx=\"3\"><title>" << e(label) << ": " << v << "</title></rect>";
        s << "<text x=\"" << x + barW / 2 << "\" y=\"" << top + chartH - h - 5 << "\" text-anchor=\"middle\">" << v
          << "</text>";
        std::string shortLabel = label.size() > 9 ? label.substr(0, 8) + "…" : label;
        s << "<text x=\"" << x + barW / 2 << "\" y=\"" << top + chartH + 16 << "\" text-anchor=\"middle\">"
          << e(shortLabel) << "</text></g>";
        x += barW + gap;
    }
    s << "</svg>";
    return s.str();
}

// A horizontal bar chart (one row per label), for long labels such as directories.
std::string rowChart(const std::string& id, const std::string& caption,
                     const std::vector<std::pair<std::string, long long>>& rows) {
    std::ostringstream s;
    long long max = 1;
    for (const auto& r : rows) max = std::max(max, r.second);
    const int rowH = 22, labelW = 240, barMax = 260, top = 6;
    int width = labelW + barMax + 60, height = top + static_cast<int>(rows.size()) * rowH + 8;
    s << "<svg id=\"" << e(id) << "\" role=\"img\" aria-label=\"" << e(caption) << "\" width=\"" << width
      << "\" height=\"" << height << "\" viewBox=\"0 0 " << width << " " << height << "\">";
    s << "<title>" << e(caption) << "</title>";
    int y = top;
    for (const auto& [label, v] : rows) {
        int w = static_cast<int>(static_cast<double>(v) / static_cast<double>(max) * barMax);
        std::string shortLabel = label.size() > 34 ? "…" + label.substr(label.size() - 33) : label;
        s << "<g class=\"bar\" data-label=\"" << e(label) << "\" data-value=\"" << v << "\">";
        s << "<text x=\"" << labelW - 8 << "\" y=\"" << y + 15 << "\" text-anchor=\"end\">" << e(shortLabel) << "</text>";
        s << "<rect x=\"" << labelW << "\" y=\"" << y + 3 << "\" width=\"" << std::max(w, 1) << "\" height=\"" << rowH - 6
          << "\" fill=\"#b35900\" rx=\"3\"><title>" << e(label) << ": " << v << "</title></rect>";
        s << "<text x=\"" << labelW + std::max(w, 1) + 6 << "\" y=\"" << y + 15 << "\">" << v << "</text></g>";
        y += rowH;
    }
    s << "</svg>";
    return s.str();
}

const char* kSiteHead =
    "<table><thead><tr><th>Site</th><th>Rule</th><th>Status</th><th>Reason</th><th>Code</th></tr></thead><tbody>";
const char* kPatternHead =
    "<table class=\"sites\"><thead><tr><th>Site</th><th>Status</th><th>Code</th></tr></thead><tbody>";

// One site; `withReason` adds the rule and its message (pattern tables show them once, above).
std::string siteRow(const json& s, bool withReason = true) {
    std::ostringstream o;
    o << "<tr><td><code>" << e(str(s, "path")) << ":" << num(s, "line") << ":" << num(s, "column") << "</code></td>";
    if (withReason) o << "<td>" << e(str(s, "rule_id")) << "</td>";
    o << "<td>" << e(str(s, "status")) << "</td>";
    if (withReason) o << "<td>" << e(str(s, "message")) << "</td>";
    o << "<td class=\"code\"><pre>" << e(str(s, "before")) << "</pre></td></tr>\n";
    return o.str();
}

// What every section of the HTML report reads.
struct HtmlView {
    const json& view;
    const json& sc;       // view["scale"]
    const json& batches;  // view["batches"]
    Words words;
};

// The summary numbers, as cards.
void overviewSection(std::ostringstream& h, const HtmlView& m) {
    const json& view = m.view;
    const json& sc = m.sc;
    const Words& words = m.words;
    const json& ve = view["verification"];
    h << "<section id=\"overview\"><h2>Overview</h2><div class=\"cards\">\n";
    h << card("files_scanned", withCommas(num(sc, "files_scanned")), "files scanned");
    h << card("files_modified", withCommas(num(sc, "files_modified")), "files modified");
    h << card("edits", withCommas(num(sc, "edits")), "edits");
    h << card("lines", "+" + withCommas(num(sc, "lines_added")) + " / -" + withCommas(num(sc, "lines_removed")),
              "lines added / removed");
    h << card("legacy_sites_remaining", withCommas(num(sc, "legacy_sites_remaining")), "legacy sites not migrated",
              num(sc, "legacy_sites_remaining") ? "" : "ok");
    h << card("files_skipped", withCommas(num(sc, "files_skipped")), "files skipped",
              num(sc, "files_skipped") ? "bad" : "");
    h << card("target_imports",
              withCommas(num(sc["target_imports"], "before")) + " → " + withCommas(num(sc["target_imports"], "after")),
              words.target + " imports before → after");
    h << card("syntax_errors_introduced", withCommas(num(ve, "syntax_errors_introduced")), "syntax errors introduced",
              num(ve, "syntax_errors_introduced") ? "bad" : "ok");
    if (num(sc, "suppressed_sites")) h << card("suppressed_sites", withCommas(num(sc, "suppressed_sites")), "suppressed sites");
    h << "</div>\n";
    const json& lm = sc["legacy_mentions"];
    h << "<p>" << e(words.legacy) << " mentions, before → after: code " << num(lm["before"], "code") << " → " << num(lm["after"], "code")
      << ", comments " << num(lm["before"], "comments") << " → " << num(lm["after"], "comments")
      << ", docstrings and strings " << num(lm["before"], "docstrings") << " → " << num(lm["after"], "docstrings")
      << ".</p>\n</section>\n";
}

// Bar charts of the legacy sites remaining, per batch and per directory.
void chartsSection(std::ostringstream& h, const HtmlView& m) {
    const json& view = m.view;
    const json& batches = m.batches;
    std::vector<std::pair<std::string, long long>> perBatch, perDir;
    for (const json& b : batches) perBatch.push_back({batchLabel(b), num(b, "legacy_sites_total")});
    for (const json& d : view["legacy_by_directory"]) perDir.push_back({str(d, "directory"), num(d, "count")});
    std::stable_sort(perDir.begin(), perDir.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    h << "<section id=\"charts\"><h2>Legacy sites remaining</h2><div class=\"charts\"><div><h3>Per batch</h3>"
      << barChart("chart-batches", "Legacy sites remaining after each batch", perBatch)
      << "<p class=\"muted\">Sites not migrated in the batch, plus the sites the batch's report counted in files "
         "outside it.</p></div><div><h3>Per directory (now)</h3>";
    if (perDir.empty()) h << "<p id=\"chart-directories\">No legacy site remains in the processed files.</p>";
    else h << rowChart("chart-directories", "Legacy sites remaining per directory", perDir);
    h << "</div></div></section>\n";
}

// Per-batch progress.
void progressSection(std::ostringstream& h, const HtmlView& m) {
    const json& batches = m.batches;
    h << "<section id=\"progress\"><h2>Progress over batches</h2><table><thead><tr><th>Batch</th><th>Date</th>"
         "<th>Command</th><th class=\"n\">Files scanned</th><th class=\"n\">Files modified</th><th class=\"n\">Edits</th>"
         "<th class=\"n\">Lines +/-</th><th class=\"n\">Not migrated in batch</th><th class=\"n\">Outside batch</th>"
         "<th class=\"n\">Syntax errors introduced</th></tr></thead><tbody>\n";
    for (const json& b : batches)
        h << "<tr><td>" << e(batchLabel(b)) << "</td><td class=\"date\">" << e(str(b, "date")) << "</td><td>" << e(str(b, "command"))
          << (b["wrote_files"].get<bool>() ? "" : " (nothing written)") << "</td><td class=\"n\">"
          << num(b, "files_scanned") << "</td><td class=\"n\">" << num(b, "files_modified") << "</td><td class=\"n\">"
          << num(b, "edits") << "</td><td class=\"n\">+" << num(b, "lines_added") << " / -" << num(b, "lines_removed")
          << "</td><td class=\"n\">" << num(b, "legacy_sites_in_batch") << "</td><td class=\"n\">"
          << num(b, "legacy_sites_outside_batch") << "</td><td class=\"n\">" << num(b, "syntax_errors_introduced")
          << "</td></tr>\n";
    h << "</tbody></table></section>\n";
}

// Edits by rule.
void scaleSection(std::ostringstream& h, const HtmlView& m) {
    const json& sc = m.sc;
    h << "<section id=\"scale\"><h2>Migration scale</h2>";
    if (sc["edits_by_rule"].empty()) h << "<p>No edit.</p>";
    else {
        h << "<table><thead><tr><th>Rule</th><th>Name</th><th>Category</th><th class=\"n\">Edits</th></tr></thead><tbody>";
        for (const json& r : sc["edits_by_rule"])
            h << "<tr><td>" << e(str(r, "rule_id")) << "</td><td>" << e(str(r, "rule_name")) << "</td><td>"
              << e(str(r, "category")) << "</td><td class=\"n\">" << num(r, "count") << "</td></tr>";
        h << "</tbody></table>";
    }
    if (!sc["skipped"].empty()) {
        h << "<h3>Files skipped</h3><ul>";
        for (const json& s : sc["skipped"])
            h << "<li><code>" << e(str(s, "path")) << "</code> (" << e(str(s, "state")) << "): " << e(str(s, "reason"))
              << "</li>";
        h << "</ul>";
    }
    h << "</section>\n";
}

// One example per migrated pattern category.
void patternsSection(std::ostringstream& h, const HtmlView& m) {
    const json& view = m.view;
    h << "<section id=\"patterns\"><h2>Migration patterns applied</h2>";
    if (view["examples"].empty()) h << "<p>No pattern was migrated.</p>";
    for (const json& x : view["examples"]) {
        h << "<h3>" << e(str(x, "category")) << " <span class=\"tag\">" << e(str(x, "rule_id") + " " + str(x, "rule_name"))
          << "</span></h3><div class=\"pair\"><div><h4>Before</h4><pre>" << e(str(x, "before"))
          << "</pre></div><div><h4>After</h4><pre>" << e(str(x, "after")) << "</pre></div></div><p class=\"muted\">From <code>"
          << e(str(x, "path")) << "</code>" << (str(x, "category") == "import" ? "" : ", line " + std::to_string(num(x, "line")))
          << ": " << e(str(x, "message")) << "</p>";
    }
    h << "</section>\n";
}

// Every file with its diff.
void filesSection(std::ostringstream& h, const HtmlView& m) {
    const json& view = m.view;
    h << "<section id=\"files\"><h2>Files</h2><div class=\"toolbar\"><button type=\"button\" id=\"expand-all\">Expand "
         "all</button><button type=\"button\" id=\"collapse-all\">Collapse all</button><input type=\"search\" "
         "id=\"file-filter\" placeholder=\"Filter by path\" aria-label=\"Filter files by path\"></div>\n";
    for (const json& g : view["groups"]) {
        h << "<h3>" << e(str(g, "name")) << " <span class=\"tag\">" << g["files"].size()
          << (g["files"].size() == 1 ? " file" : " files") << "</span></h3>\n";
        for (const json& f : g["files"]) {
            std::string st = str(f, "state");
            std::string cls = st == "changed" ? "changed" : (st == "unchanged" ? "" : "skipped");
            h << "<details data-path=\"" << e(str(f, "path")) << "\"><summary><code>" << e(str(f, "path"))
              << "</code><span class=\"tag " << cls << "\">" << e(st) << "</span>";
            if (st == "changed") h << "<span class=\"tag\">+" << num(f, "lines_added") << " -" << num(f, "lines_removed") << "</span>";
            h << "<span class=\"tag\">" << f["edits"].size() << " edits</span>";
            if (!f["not_migrated"].empty()) h << "<span class=\"tag\">" << f["not_migrated"].size() << " not migrated</span>";
            h << "</summary>";
            if (!str(f, "reason").empty()) h << "<p>" << e(str(f, "reason")) << "</p>";
            if (!str(f, "diff").empty()) h << diffHtml(str(f, "diff"));
            if (!f["not_migrated"].empty()) {
                h << kSiteHead;
                for (const json& s : f["not_migrated"]) h << siteRow(s);
                h << "</tbody></table>";
            }
            h << "</details>\n";
        }
    }
    h << "</section>\n";
}

// The sites not migrated, by reason and pattern.
void notMigratedSection(std::ostringstream& h, const HtmlView& m) {
    const json& view = m.view;
    long long totalNot = 0;
    for (const json& r : view["not_migrated"]) totalNot += num(r, "count");
    h << "<section id=\"not-migrated\"><h2>Sites not migrated <span class=\"tag\">" << totalNot << "</span></h2>";
    if (totalNot == 0) h << "<p>Every legacy site found was migrated.</p>";
    for (const json& r : view["not_migrated"]) {
        if (num(r, "count") == 0) continue;
        h << "<h3 data-reason=\"" << e(str(r, "reason")) << "\">" << e(str(r, "title")) << " <span class=\"tag\">"
          << num(r, "count") << "</span></h3>";
        for (const json& p : r["patterns"]) {
            h << "<p><b>" << e(str(p, "message")) << "</b> <span class=\"muted\">(" << e(str(p, "rule_id")) << " "
              << e(str(p, "rule_name")) << ", " << e(plural(num(p, "count"), "site", "sites")) << " in "
              << e(plural(num(p, "files"), "file", "files")) << ")</span></p>" << kPatternHead;
            for (const json& s : p["sites"]) h << siteRow(s, false);
            h << "</tbody></table>";
        }
    }
    if (!view["suppressed"].empty()) {
        h << "<h3 data-reason=\"suppressed\">Suppressed <span class=\"tag\">" << view["suppressed"].size()
          << "</span></h3>" << kSiteHead;
        for (const json& s : view["suppressed"]) h << siteRow(s);
        h << "</tbody></table>";
    }
    h << "</section>\n";
}

// The test configuration and files, and what they need.
void testingSection(std::ostringstream& h, const HtmlView& m) {
    const json& view = m.view;
    const json& ti = view["testing_impact"];
    h << "<section id=\"testing\"><h2>Testing impact</h2>";
    if (!ti.value("scanned", false)) h << "<p>Not scanned.</p>";
    else {
        const TestingLabels l = testingLabelsOf(ti);
        std::string counts;
        for (const auto& [label, key] : l.counts)
            counts += (counts.empty() ? "" : ", ") + label + ": " + std::to_string(num(ti, key.c_str()));
        if (!l.flagKey.empty())
            counts += (counts.empty() ? "" : ", ") + l.flagLabel + ": " + (ti.value(l.flagKey, false) ? "yes" : "no");
        h << "<p>" << ti["config_files"].size() << " " << e(l.config) << " file(s), " << ti["test_files"].size()
          << " test file(s), " << ti["conftest_files"].size() << " " << e(l.setupFile) << " file(s)"
          << (counts.empty() ? "" : "; " + e(counts)) << ".</p>";
        for (const json& c : ti["config_files"]) {
            h << "<h3><code>" << e(str(c, "path")) << "</code> " << e(str(c, "section")) << "</h3><pre>";
            for (const auto& [k, v] : c["settings"].items()) h << e(k) << " = " << e(v.get<std::string>()) << "\n";
            h << "</pre>";
        }
        if (!ti["needs"].empty()) {
            h << "<h3>What the tests need</h3><ul>";
            for (const json& n : ti["needs"]) h << "<li>" << e(n.get<std::string>()) << "</li>";
            h << "</ul>";
        }
        std::vector<const json*> withNeeds;
        for (const json* list : {&ti["conftest_files"], &ti["test_files"]})
            for (const json& t : *list)
                if (!t["needs"].empty()) withNeeds.push_back(&t);
        if (!withNeeds.empty()) {
            h << "<table><thead><tr><th>File</th><th>Needs</th></tr></thead><tbody>";
            for (const json* t : withNeeds) {
                h << "<tr><td><code>" << e(str(*t, "path")) << "</code></td><td><ul>";
                for (const json& n : (*t)["needs"]) h << "<li>" << e(n.get<std::string>()) << "</li>";
                h << "</ul></td></tr>";
            }
            h << "</tbody></table>";
        }
    }
    h << "</section>\n";
}

// The re-parse and compile checks.
void verificationSection(std::ostringstream& h, const HtmlView& m) {
    const json& ve = m.view["verification"];
    h << "<section id=\"verification\"><h2>Verification</h2><ul><li>Files re-parsed after rewriting: <b>"
      << num(ve, "files_reparsed") << "</b></li><li>Syntax errors introduced: <b>" << num(ve, "syntax_errors_introduced")
      << "</b></li><li>Rewrites refused (result would not parse; file left unchanged): <b>" << ve["rewrites_refused"].size()
      << "</b></li></ul>";
    for (const json& x : ve["syntax_errors"])
        h << "<p><code>" << e(str(x, "path")) << "</code>: " << e(str(x, "error")) << "</p>";
    for (const json& x : ve["rewrites_refused"])
        h << "<p><code>" << e(str(x, "path")) << "</code>: " << e(str(x, "reason")) << "</p>";
    if (ve["compile"].is_null()) {
        h << "<p>Compile check not run (<code>--verify-compile</code>).</p>";
    } else {
        const json& c = ve["compile"];
        h << "<h3>Compile check: " << num(c, "ok") << " of " << num(c, "files") << " compiled with <code>"
          << e(compileCommandOf(c)) << "</code></h3><table><thead><tr><th>File</th><th>Result</th></tr></thead><tbody>";
        for (const json& r : c["results"])
            h << "<tr><td><code>" << e(str(r, "path")) << "</code></td><td>"
              << (r["ok"].get<bool>() ? std::string("ok") : "<pre>" + e(str(r, "output")) + "</pre>") << "</td></tr>";
        h << "</tbody></table>";
    }
    h << "</section>\n";
}

// What is left, and the next steps; closes the page.
void remainingSection(std::ostringstream& h, const HtmlView& m) {
    const json& view = m.view;
    const Words& words = m.words;
    const json& rw = view["remaining_work"];
    h << "<section id=\"remaining\"><h2>Remaining work</h2><p><b>" << num(rw, "legacy_sites")
      << "</b> legacy sites remain; " << e(words.legacy) << " mentions outside code: " << num(rw["mentions_outside_code"], "comments")
      << " in comments, " << num(rw["mentions_outside_code"], "docstrings") << " in docstrings and strings.</p>";
    if (!rw["by_category"].empty()) {
        h << "<table><thead><tr><th>Category</th><th class=\"n\">Sites</th></tr></thead><tbody>";
        for (const json& c : rw["by_category"])
            h << "<tr><td>" << e(str(c, "category")) << "</td><td class=\"n\">" << num(c, "count") << "</td></tr>";
        h << "</tbody></table>";
    }
    h << "<h3>Next steps</h3><ol id=\"next-steps\">";
    for (const std::string& s : nextSteps(view)) h << "<li>" << inlineCode(s) << "</li>";
    h << "</ol></section>\n</main>\n<script>" << kScript << "</script>\n</body>\n</html>\n";
}

}  // namespace

std::string renderHtml(const std::vector<json>& reports) {
    json view = mergeReports(reports);
    std::ostringstream h;
    const json batches = view.value("batches", json::array());
    std::string heading = batches.size() > 1 ? "anymig project report" : "anymig migration report";
    if (batches.size() == 1 && batches[0]["batch"].is_string())
        heading = "anymig report - batch " + batches[0]["batch"].get<std::string>();

    h << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
         "script-src 'unsafe-inline'; img-src data:\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>" << e(heading) << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
    if (reports.empty()) {
        h << "<header><h1>anymig report</h1><p>No reports were given.</p></header>\n</body>\n</html>\n";
        return h.str();
    }
    h << "<header><h1>" << e(heading) << "</h1><p>anymig " << e(str(view["tool"], "version")) << " · pack "
      << e(str(view["pack"], "name")) << " " << e(str(view["pack"], "version")) << " · "
      << e(std::to_string(batches.size())) << (batches.size() == 1 ? " report" : " reports") << " · "
      << e(str(view, "date_first")) << (view["date_first"] == view["date_last"] ? "" : " – " + e(str(view, "date_last")))
      << "</p></header>\n<main>\n";
    const json noScale = json::object();
    HtmlView m{view, view.contains("scale") ? view["scale"] : noScale, batches, wordsOf(view)};
    overviewSection(h, m);
    chartsSection(h, m);
    progressSection(h, m);
    scaleSection(h, m);
    patternsSection(h, m);
    filesSection(h, m);
    notMigratedSection(h, m);
    testingSection(h, m);
    verificationSection(h, m);
    remainingSection(h, m);
    return h.str();
}

}  // namespace anymig::reports
