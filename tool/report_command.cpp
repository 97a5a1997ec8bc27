#include "tool/report_command.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "core/atomic_write.h"
#include "reports/report.h"
#include "tool/shard.h"

namespace anymig::tool {

namespace {

struct ReportOptions {
    CLI::App* cmd = nullptr;
    std::vector<std::string> inputs;
    std::string format = "markdown";
    std::string output;
    bool merge = false;
};

ReportOptions& options() {
    static ReportOptions o;
    return o;
}

}  // namespace

void addReportCommand(CLI::App& app) {
    ReportOptions& o = options();
    o.cmd = app.add_subcommand("report", "Render JSON reports (from --report) as Markdown or one self-contained HTML page");
    o.cmd->add_option("reports", o.inputs, "JSON reports; several render as one project report with progress over batches")
        ->required()
        ->check(CLI::ExistingFile);
    o.cmd->add_option("-f,--format", o.format, "Output format")
        ->check(CLI::IsMember({"markdown", "html"}))
        ->capture_default_str();
    o.cmd->add_option("-o,--output", o.output, "Write to this file (default: standard output)");
    o.cmd->add_flag("--merge", o.merge,
                    "Combine the JSON reports of the N shards of one run (--shard K/N) into the JSON report one "
                    "unsharded run writes");
}

bool reportCommandParsed() { return options().cmd && options().cmd->parsed(); }

int runReportCommand() {
    const ReportOptions& o = options();
    std::vector<nlohmann::json> reports;
    for (const std::string& path : o.inputs) {
        std::string text, error;
        if (!readFile(path, text, error)) {
            std::cerr << "anymig: error: " << path << ": " << error << "\n";
            return 2;
        }
        nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
        if (j.is_discarded()) {
            std::cerr << "anymig: error: " << path << ": not valid JSON\n";
            return 2;
        }
        if (std::string why = reports::checkReportVersion(j); !why.empty()) {
            std::cerr << "anymig: error: " << path << ": " << why << "\n";
            return 2;
        }
        reports.push_back(std::move(j));
    }
    std::string out;
    if (o.merge) {
        try {
            out = tool::mergeShardReports(reports).dump(2) + "\n";
        } catch (const std::exception& e) {
            std::cerr << "anymig: error: report --merge: " << e.what() << "\n";
            return 2;
        }
    } else {
        out = o.format == "html" ? reports::renderHtml(reports) : reports::renderMarkdown(reports);
    }
    if (o.output.empty() || o.output == "-") {
        std::cout << out;
        return std::cout ? 0 : 2;
    }
    if (std::string why = writeFileAtomically(o.output, out); !why.empty()) {
        std::cerr << "anymig: error: cannot write " << o.output << ": " << why << "\n";
        return 2;
    }
    return 0;
}

}  // namespace anymig::tool
