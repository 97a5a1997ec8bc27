#include "tool/plan.h"

#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <set>
#include <sstream>
#include <stdexcept>

#include "core/atomic_write.h"
#include "core/pack.h"
#include "tool/gate.h"
#include "tool/json_shape.h"

namespace anymig::tool {

namespace fs = std::filesystem;

namespace {

struct PlanFile {
    std::string path;   // relative to the plan directory
    std::string group;  // the unit it was packed with
    std::map<std::string, int> edits;
    int editsTotal = 0;
    int legacy = 0;
    std::vector<const Diagnostic*> review;
};

std::string parentOf(const std::string& rel) {
    auto slash = rel.rfind('/');
    return slash == std::string::npos ? "." : rel.substr(0, slash);
}

struct Packer {
    const PlanOptions& opt;
    std::vector<std::vector<PlanFile>> batches;
    std::vector<PlanFile> current;
    int currentEdits = 0;

    static int edits(const std::vector<PlanFile>& files) {
        int n = 0;
        for (const PlanFile& f : files) n += f.editsTotal;
        return n;
    }
    bool fits(std::size_t files, int e, std::size_t curFiles, int curEdits) const {
        return curFiles + files <= static_cast<std::size_t>(opt.batchSize) &&
               (!opt.maxEdits || curEdits + e <= *opt.maxEdits);
    }
    void flush() {
        if (!current.empty()) batches.push_back(std::move(current));
        current.clear();
        currentEdits = 0;
    }
    void add(std::vector<PlanFile> files, const std::string& label) {
        for (PlanFile& f : files) {
            f.group = label;
            currentEdits += f.editsTotal;
            current.push_back(std::move(f));
        }
    }
    // Packs one unit (files sharing the path prefix `label`, sorted). A unit that does not fit
    // in a batch is split along its subdirectories, and a flat one file by file.
    void pack(std::vector<PlanFile> files, const std::string& label, std::size_t prefixLen) {
        int e = edits(files);
        if (fits(files.size(), e, current.size(), currentEdits)) return add(std::move(files), label);
        if (fits(files.size(), e, 0, 0)) {
            flush();
            return add(std::move(files), label);
        }
        flush();
        // Sub-units: files directly in this directory, then each subdirectory.
        std::map<std::string, std::vector<PlanFile>> subs;
        for (PlanFile& f : files) {
            std::string rest = f.path.substr(prefixLen);
            auto slash = rest.find('/');
            subs[slash == std::string::npos ? std::string() : rest.substr(0, slash)].push_back(std::move(f));
        }
        bool flat = subs.size() == 1 && subs.begin()->first.empty();
        if (flat) {
            for (PlanFile& f : subs.begin()->second) {
                if (!current.empty() && !fits(1, f.editsTotal, current.size(), currentEdits)) flush();
                add({std::move(f)}, label);
            }
            return;
        }
        for (auto& [name, sub] : subs) {
            if (name.empty()) pack(std::move(sub), label, prefixLen);
            else {
                std::string subLabel = (label == "." ? "" : label + "/") + name;
                pack(std::move(sub), subLabel, prefixLen + name.size() + 1);
            }
        }
    }
};

ojson reviewJson(const Diagnostic& d, const std::string& rel) {
    ojson j;
    j["path"] = rel;
    j["line"] = d.begin.line;
    j["column"] = d.begin.column;
    j["rule"] = d.ruleId;
    j["status"] = toString(d.status);
    j["message"] = d.message;
    return j;
}

std::string readText(const std::string& path) {
    std::string text, error;
    if (!readFile(path, text, error)) throw std::runtime_error("cannot read " + path + ": " + error);
    return text;
}

ojson parseJson(const std::string& path, const std::string& text) {
    try {
        return ojson::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(path + ": invalid JSON: " + e.what());
    }
}

}  // namespace

std::string groupOf(const std::string& rel, const std::string& baseDir, const std::string& groupBy) {
    std::string dir = parentOf(rel);
    if (groupBy == "dir" || dir == ".") return dir;
    std::error_code ec;
    std::string top;
    for (std::string d = dir; !d.empty() && d != ".";) {
        if (!fs::is_regular_file(fs::path(baseDir) / d / "__init__.py", ec)) break;
        top = d;
        auto slash = d.rfind('/');
        d = slash == std::string::npos ? "" : d.substr(0, slash);
    }
    return top.empty() ? dir : top;
}

ojson buildPlan(const RunResult& check, const std::vector<std::string>& inputs, const PlanOptions& options,
                const std::string& planDir, const ojson& runOptions) {
    std::map<std::string, std::vector<PlanFile>> groups;
    ojson skipped = ojson::array();
    int legacyTotal = 0;
    for (const FileOutcome& f : check.files) {
        std::string rel = relativeTo(f.path, planDir);
        if (f.state == FileState::SkippedSyntaxError || f.state == FileState::Error) {
            skipped.push_back({{"path", rel}, {"state", toString(f.state)}, {"reason", f.reason}});
            continue;
        }
        PlanFile pf;
        pf.path = rel;
        for (const Diagnostic& d : f.diagnostics) {
            if (d.status == SiteStatus::Suppressed) continue;
            ++pf.legacy;
            if (d.status == SiteStatus::Fixed) {
                pf.edits[d.ruleId]++;
                ++pf.editsTotal;
            } else {
                pf.review.push_back(&d);
            }
        }
        if (pf.legacy == 0) continue;
        legacyTotal += pf.legacy;
        groups[groupOf(rel, planDir, options.groupBy)].push_back(std::move(pf));
    }
    Packer packer{options, {}, {}, 0};
    for (auto& [label, files] : groups) {
        std::sort(files.begin(), files.end(), [](const PlanFile& a, const PlanFile& b) { return a.path < b.path; });
        packer.pack(std::move(files), label, label == "." ? 0 : label.size() + 1);
    }
    packer.flush();

    ojson batches = ojson::array();
    int predicted = 0, review = 0, planned = 0;
    for (std::size_t i = 0; i < packer.batches.size(); ++i) {
        const auto& files = packer.batches[i];
        ojson b;
        b["id"] = static_cast<int>(i + 1);
        std::vector<std::string> labels;
        std::map<std::string, int> edits;
        int batchEdits = 0;
        ojson fileList = ojson::array(), reviewList = ojson::array();
        for (const PlanFile& f : files) {
            if (std::find(labels.begin(), labels.end(), f.group) == labels.end()) labels.push_back(f.group);
            ojson fj;
            fj["path"] = f.path;
            fj["group"] = f.group;
            fj["predicted_edits"] = f.edits;
            fj["review_sites"] = f.review.size();
            fj["legacy_sites"] = f.legacy;
            fileList.push_back(std::move(fj));
            for (const auto& [r, n] : f.edits) edits[r] += n;
            batchEdits += f.editsTotal;
            for (const Diagnostic* d : f.review) reviewList.push_back(reviewJson(*d, f.path));
        }
        b["groups"] = labels;
        b["files"] = fileList;
        b["predicted_edits"] = edits;
        b["predicted_edits_total"] = batchEdits;
        b["review"] = reviewList;
        predicted += batchEdits;
        review += static_cast<int>(reviewList.size());
        planned += static_cast<int>(files.size());
        batches.push_back(std::move(b));
    }
    ojson plan;
    plan["tool"] = "anymig-plan";
    plan["version"] = 1;
    ojson in = ojson::array();
    for (const std::string& i : inputs) in.push_back(relativeTo(i, planDir));
    plan["inputs"] = in;
    plan["options"] = {{"batch_size", options.batchSize},
                       {"max_edits", options.maxEdits ? ojson(*options.maxEdits) : ojson(nullptr)},
                       {"group_by", options.groupBy}};
    plan["run_options"] = runOptions;
    plan["summary"] = {{"files_scanned", check.files.size()},
                       {"files_planned", planned},
                       {"files_skipped", skipped.size()},
                       {"batches", batches.size()},
                       {"predicted_edits", predicted},
                       {"review_sites", review},
                       {"legacy_sites", legacyTotal}};
    plan["batches"] = batches;
    plan["skipped"] = skipped;
    return plan;
}

std::string statePathFor(const std::string& planPath) {
    const std::string ext = ".json";
    if (planPath.size() > ext.size() && planPath.compare(planPath.size() - ext.size(), ext.size(), ext) == 0)
        return planPath.substr(0, planPath.size() - ext.size()) + ".state.json";
    return planPath + ".state.json";
}

ojson freshState(const ojson& plan, const std::string& digest, const std::string& date) {
    ojson s;
    s["tool"] = "anymig-plan-state";
    s["version"] = 1;
    s["plan_digest"] = digest;
    ojson batches = ojson::array();
    for (const auto& b : plan["batches"]) {
        ojson e;
        e["id"] = b["id"];
        e["status"] = "pending";
        e["date"] = nullptr;
        e["runs"] = 0;
        e["files_changed"] = ojson::array();
        e["edits"] = ojson::object();
        e["edits_total"] = 0;
        e["legacy_remaining"] = nullptr;
        batches.push_back(std::move(e));
    }
    s["batches"] = batches;
    s["history"] = ojson::array(
        {{{"date", date}, {"event", "plan"}, {"legacy_remaining", plan["summary"]["legacy_sites"]}}});
    return s;
}

std::string planKey(const PackOption& opt) {
    std::string key(opt.name);
    std::replace(key.begin(), key.end(), '-', '_');
    return key;
}

namespace {

// Every field of a plan that migrate --plan, plan status and the state reader use (see
// tool/json_shape.h): checked once, on load.
void checkPlanShape(const ojson& plan, const std::string& file) {
    using K = JsonKind;
    JsonShape shape(file);
    shape.elements(*shape.field(plan, "", "inputs", K::Array), "inputs", K::String);
    const ojson& options = *shape.field(plan, "", "options", K::Object);
    shape.field(options, "options", "group_by", K::String);
    shape.field(options, "options", "batch_size", K::Integer);
    shape.field(*shape.field(plan, "", "summary", K::Object), "summary", "legacy_sites", K::Integer);
    if (const ojson* run = shape.field(plan, "", "run_options", K::Object, true)) {
        for (const char* key : {"select", "ignore", "assume_true", "assume_false"})
            if (const ojson* v = shape.field(*run, "run_options", key, K::Array, true))
                shape.elements(*v, std::string("run_options.") + key, K::String);
        // The registered packs' options, as applyPlanRunOptions (tool/main.cpp) reads them.
        for (const PackDescriptor& pack : PackRegistry::instance().packs())
            for (const PackOption& opt : pack.options) {
                const std::string key = planKey(opt);
                const bool list = opt.kind == PackOption::Kind::List;
                K kind = opt.kind == PackOption::Kind::Flag ? K::Boolean : list ? K::Array : K::String;
                const ojson* v = shape.field(*run, "run_options", key.c_str(), kind, true);
                if (v && list) shape.elements(*v, "run_options." + key, K::String);
            }
        shape.field(*run, "run_options", "unsafe_fixes", K::Boolean, true);
    }
    const ojson& batches = *shape.field(plan, "", "batches", K::Array);
    for (std::size_t i = 0; i < batches.size(); ++i) {
        std::string where = "batches[" + std::to_string(i) + "]";
        const ojson& b = shape.is(batches[i], where, K::Object);
        if (shape.field(b, where, "id", K::Integer)->get<long long>() != static_cast<long long>(i + 1))
            shape.fail(where + ".id", "must be " + std::to_string(i + 1) + " (batches are numbered from 1 in order)");
        shape.field(b, where, "predicted_edits_total", K::Integer);
        shape.field(b, where, "review", K::Array);
        shape.elements(*shape.field(b, where, "groups", K::Array), where + ".groups", K::String);
        const ojson& files = *shape.field(b, where, "files", K::Array);
        for (std::size_t k = 0; k < files.size(); ++k) {
            std::string fw = where + ".files[" + std::to_string(k) + "]";
            shape.is(files[k], fw, K::Object);
            shape.field(files[k], fw, "path", K::String);
            shape.field(files[k], fw, "group", K::String);
        }
    }
}

// The state file: one entry per batch of the plan, with the fields recordBatch and status read.
void checkStateShape(const ojson& state, std::size_t planBatches, const std::string& file) {
    using K = JsonKind;
    JsonShape shape(file);
    shape.field(state, "", "plan_digest", K::String);
    shape.field(state, "", "history", K::Array);
    const ojson& batches = *shape.field(state, "", "batches", K::Array);
    if (batches.size() != planBatches)
        shape.fail("batches", "must have one entry per batch of the plan (" + std::to_string(planBatches) + ")");
    for (std::size_t i = 0; i < batches.size(); ++i) {
        std::string where = "batches[" + std::to_string(i) + "]";
        const ojson& b = shape.is(batches[i], where, K::Object);
        shape.field(b, where, "status", K::String);
        shape.field(b, where, "runs", K::Integer);
        shape.field(b, where, "edits_total", K::Integer);
        shape.elements(*shape.field(b, where, "files_changed", K::Array), where + ".files_changed", K::String);
        const ojson& edits = *shape.field(b, where, "edits", K::Object);
        for (const auto& [rule, n] : edits.items()) shape.is(n, where + ".edits." + rule, K::Integer);
    }
}

bool isTool(const ojson& j, const char* tool) {
    return j.is_object() && j.contains("tool") && j["tool"].is_string() && j["tool"].get<std::string>() == tool;
}

}  // namespace

LoadedPlan loadPlan(const std::string& planPath) {
    LoadedPlan p;
    p.path = planPath;
    std::error_code ec;
    p.dir = fs::absolute(planPath, ec).lexically_normal().parent_path().string();
    p.statePath = statePathFor(planPath);
    std::string text = readText(planPath);
    p.digest = fnv1aHex(text);
    p.plan = parseJson(planPath, text);
    if (!isTool(p.plan, "anymig-plan"))
        throw std::runtime_error(planPath + ": not an anymig plan (expected \"tool\": \"anymig-plan\")");
    if (!p.plan.contains("version") || p.plan["version"] != 1)
        throw std::runtime_error(planPath + ": unsupported plan version");
    checkPlanShape(p.plan, planPath);
    if (fs::exists(p.statePath, ec)) {
        p.state = parseJson(p.statePath, readText(p.statePath));
        if (!isTool(p.state, "anymig-plan-state"))
            throw std::runtime_error(p.statePath + ": not an anymig plan state file");
        checkStateShape(p.state, p.plan["batches"].size(), p.statePath);
        if (p.state["plan_digest"] != p.digest)
            throw std::runtime_error(p.statePath + ": belongs to a different version of " + planPath +
                                     " (the plan was rewritten); remove it to start the plan's progress afresh");
    } else {
        p.state = freshState(p.plan, p.digest, "");
        p.state["history"] = ojson::array();
    }
    return p;
}

void saveState(const LoadedPlan& p) {
    std::string why = writeFileAtomically(p.statePath, p.state.dump(2) + "\n");
    if (!why.empty()) throw std::runtime_error("cannot write " + p.statePath + ": " + why);
}

// A plan names files under the inputs it was made from only (its "inputs", relative to the plan's
// folder or absolute): a batch entry elsewhere, or one that climbs out of its input with "..", is
// refused, so an edited or hostile batch list cannot make migrate touch files outside those roots.
static bool within(const fs::path& file, const fs::path& root) {
    fs::path inside = file.lexically_relative(root);
    return !inside.empty() && *inside.begin() != "..";
}

static std::string resolve(const LoadedPlan& p, const std::string& rel) {
    fs::path abs = (fs::path(p.dir) / fs::path(rel)).lexically_normal();
    bool inRoots = false;
    std::string roots;
    if (p.plan.contains("inputs") && p.plan["inputs"].is_array())
        for (const auto& in : p.plan["inputs"]) {
            if (!in.is_string()) continue;
            fs::path root = (fs::path(p.dir) / fs::path(in.get<std::string>())).lexically_normal();
            if (!root.has_filename() && root.has_parent_path()) root = root.parent_path();  // "/a/b/" -> "/a/b"
            inRoots = inRoots || within(abs, root);
            roots += (roots.empty() ? "" : ", ") + root.string();
        }
    if (!inRoots)
        throw std::runtime_error(p.path + ": " + rel + " is outside the plan's inputs (" +
                                 (roots.empty() ? std::string("none") : roots) +
                                 "); a plan only names files under the folders it was made from");
    return displayPath(abs.string());
}

std::string displayPath(const std::string& path) {
    std::error_code ec;
    fs::path abs = fs::absolute(path, ec).lexically_normal();
    fs::path cwdRel = abs.lexically_relative(fs::current_path(ec));
    std::string s = cwdRel.string();
    if (s.empty() || s.rfind("..", 0) == 0) return abs.string();
    return s;
}

std::vector<std::string> planInputs(const LoadedPlan& p) {
    std::vector<std::string> roots;
    if (p.plan.contains("inputs") && p.plan["inputs"].is_array())
        for (const auto& in : p.plan["inputs"])
            if (in.is_string()) roots.push_back(displayPath((fs::path(p.dir) / fs::path(in.get<std::string>())).string()));
    return roots;
}

std::vector<std::string> batchFiles(const LoadedPlan& p, int k) {
    const auto& batches = p.plan["batches"];
    if (k < 1 || static_cast<std::size_t>(k) > batches.size())
        throw std::out_of_range("batch " + std::to_string(k) + " does not exist: the plan has " +
                                std::to_string(batches.size()) + " batches");
    std::vector<std::string> files;
    for (const auto& f : batches[static_cast<std::size_t>(k - 1)]["files"])
        files.push_back(resolve(p, f["path"].get<std::string>()));
    return files;
}

std::vector<std::string> allPlanFiles(const LoadedPlan& p) {
    std::vector<std::string> files;
    for (std::size_t k = 1; k <= p.plan["batches"].size(); ++k) {
        auto b = batchFiles(p, static_cast<int>(k));
        files.insert(files.end(), b.begin(), b.end());
    }
    return files;
}

std::map<std::string, std::string> planGroups(const LoadedPlan& p) {
    std::map<std::string, std::string> groups;
    for (const auto& b : p.plan["batches"])
        for (const auto& f : b["files"]) groups[resolve(p, f["path"].get<std::string>())] = f["group"].get<std::string>();
    return groups;
}

std::map<std::string, int> legacyCounts(const RunResult& result) {
    std::map<std::string, int> counts;
    for (const FileOutcome& f : result.files) {
        int n = 0;
        for (const Diagnostic& d : f.diagnostics)
            if (d.status != SiteStatus::Suppressed) ++n;
        counts[f.path] = n;
    }
    return counts;
}

bool recordBatch(LoadedPlan& p, int k, const RunResult& migrated, int remainingTotal, const std::string& date) {
    ojson& b = p.state["batches"][static_cast<std::size_t>(k - 1)];
    std::set<std::string> changed;
    std::map<std::string, int> edits;
    int editsTotal = 0, remaining = 0;
    for (const FileOutcome& f : migrated.files) {
        if (f.state == FileState::Changed) changed.insert(relativeTo(f.path, p.dir));
        for (const Diagnostic& d : f.diagnostics) {
            if (d.status == SiteStatus::Fixed && f.state == FileState::Changed) {
                edits[d.ruleId]++;
                ++editsTotal;
            } else if (d.isLegacy()) {
                ++remaining;
            }
        }
    }
    if (b.value("status", "") == "done" && changed.empty()) return false;
    for (const auto& f : b["files_changed"]) changed.insert(f.get<std::string>());
    for (const auto& [r, n] : b["edits"].items()) edits[r] += n.get<int>();
    editsTotal += b.value("edits_total", 0);
    b["status"] = migrated.hadErrors() ? "incomplete" : "done";
    b["date"] = date;
    b["runs"] = b.value("runs", 0) + 1;
    b["files_changed"] = std::vector<std::string>(changed.begin(), changed.end());
    b["edits"] = edits;
    b["edits_total"] = editsTotal;
    b["legacy_remaining"] = remaining;
    p.state["history"].push_back({{"date", date},
                                  {"event", "batch " + std::to_string(k)},
                                  {"files_changed", static_cast<int>(changed.size())},
                                  {"legacy_remaining", remainingTotal}});
    return true;
}

namespace {
struct BatchRow {
    int id;
    std::string status;
    int files, migrated, predicted, applied, review, remaining;
    std::string groups;
};

std::vector<BatchRow> rows(const LoadedPlan& p, const std::map<std::string, int>& live) {
    std::vector<BatchRow> out;
    const auto& batches = p.plan["batches"];
    for (std::size_t i = 0; i < batches.size(); ++i) {
        const auto& b = batches[i];
        const ojson* st = i < p.state["batches"].size() ? &p.state["batches"][i] : nullptr;
        BatchRow r{};
        r.id = b["id"].get<int>();
        r.status = st ? st->value("status", "pending") : "pending";
        r.files = static_cast<int>(b["files"].size());
        r.migrated = st ? static_cast<int>((*st)["files_changed"].size()) : 0;
        r.predicted = b["predicted_edits_total"].get<int>();
        r.applied = st ? st->value("edits_total", 0) : 0;
        r.review = static_cast<int>(b["review"].size());
        r.remaining = 0;
        for (const std::string& f : batchFiles(p, r.id)) {
            auto it = live.find(f);
            if (it != live.end()) r.remaining += it->second;
        }
        for (const auto& g : b["groups"]) r.groups += (r.groups.empty() ? "" : ", ") + g.get<std::string>();
        out.push_back(r);
    }
    return out;
}
}  // namespace

ojson statusJson(const LoadedPlan& p, const std::map<std::string, int>& live) {
    ojson j;
    j["plan"] = p.path;
    ojson batches = ojson::array();
    int done = 0, files = 0, migrated = 0, remaining = 0;
    for (const BatchRow& r : rows(p, live)) {
        batches.push_back({{"id", r.id},
                           {"status", r.status},
                           {"files", r.files},
                           {"files_migrated", r.migrated},
                           {"predicted_edits", r.predicted},
                           {"edits_applied", r.applied},
                           {"review_sites", r.review},
                           {"legacy_remaining", r.remaining},
                           {"groups", r.groups}});
        if (r.status == "done") ++done;
        files += r.files;
        migrated += r.migrated;
        remaining += r.remaining;
    }
    j["batches"] = batches;
    j["totals"] = {{"batches", batches.size()},
                   {"batches_done", done},
                   {"batches_pending", static_cast<int>(batches.size()) - done},
                   {"files", files},
                   {"files_migrated", migrated},
                   {"legacy_remaining", remaining},
                   {"legacy_at_plan", p.plan["summary"]["legacy_sites"]}};
    j["history"] = p.state["history"];
    return j;
}

std::string statusText(const LoadedPlan& p, const std::map<std::string, int>& live) {
    ojson j = statusJson(p, live);
    std::ostringstream out;
    const ojson& opt = p.plan["options"];
    out << "plan " << p.path << ": " << j["totals"]["batches"].get<int>() << " batches, "
        << j["totals"]["files"].get<int>() << " files, grouped by " << opt["group_by"].get<std::string>()
        << " (batch size " << opt["batch_size"].get<int>() << ")\n";
    out << "batch  status      files  migrated  predicted  applied  review  remaining  groups\n";
    for (const auto& b : j["batches"]) {
        out << std::setw(5) << b["id"].get<int>() << "  " << std::left << std::setw(10)
            << b["status"].get<std::string>() << std::right << std::setw(7) << b["files"].get<int>() << std::setw(10)
            << b["files_migrated"].get<int>() << std::setw(11) << b["predicted_edits"].get<int>() << std::setw(9)
            << b["edits_applied"].get<int>() << std::setw(8) << b["review_sites"].get<int>() << std::setw(11)
            << b["legacy_remaining"].get<int>() << "  " << b["groups"].get<std::string>() << "\n";
    }
    const ojson& t = j["totals"];
    out << "done " << t["batches_done"].get<int>() << "/" << t["batches"].get<int>() << " batches, "
        << t["files_migrated"].get<int>() << "/" << t["files"].get<int>() << " files migrated; legacy sites remaining: "
        << t["legacy_remaining"].get<int>() << " (at plan time: " << t["legacy_at_plan"].get<int>() << ")\n";
    if (!j["history"].empty()) {
        out << "legacy sites remaining over time:\n";
        for (const auto& h : j["history"])
            out << "  " << h["date"].get<std::string>() << "  " << std::left << std::setw(10)
                << h["event"].get<std::string>() << std::right << std::setw(6) << h["legacy_remaining"].get<int>()
                << "\n";
    }
    return out.str();
}

}  // namespace anymig::tool
