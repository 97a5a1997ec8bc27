// Scale-out: `--shard K/N` runs one of N deterministic, size-balanced parts of the files;
// each shard's `--report` carries its run's outcomes, and `anymig report --merge` combines the
// N shard reports into exactly the report one unsharded run writes (only the date differs).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/runner.h"
#include "reports/report.h"

namespace anymig::tool {

struct ShardSpec {
    int index = 0;  // 1-based
    int count = 0;  // 0: not sharded
    explicit operator bool() const { return count > 0; }
};

// Parses "K/N" (1 <= K <= N); throws std::invalid_argument with the reason.
ShardSpec parseShard(const std::string& text);

// Shard K of N: files sorted by size (largest first, then path) are dealt one by one to the
// shard with the fewest bytes so far (the lowest-numbered on a tie). The same files with the
// same sizes give the same partition on every machine; the result keeps the input's order.
std::vector<std::string> selectShard(const std::vector<std::string>& files, const ShardSpec& shard);

// The "shard" section of a shard's report: which shard, the run's settings for the report, and
// every file outcome (what `report --merge` needs to rebuild the unsharded report).
nlohmann::json shardSection(const ShardSpec& shard, const RunResult& result, const reports::ReportMeta& meta);

// Combines the shard reports (all N of one run, any order) into the unsharded report.
// Throws std::runtime_error naming the problem (not a shard report, shards of different runs,
// a shard missing or given twice).
nlohmann::json mergeShardReports(const std::vector<nlohmann::json>& shardReports);

}  // namespace anymig::tool
