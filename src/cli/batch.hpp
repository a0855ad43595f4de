// The batch runner: expands inputs (files, folders, stdin), plans outputs, shards, runs
// conversions on a thread pool, prints diagnostics, progress and a summary, writes the report.
#pragma once

#include <string>
#include <vector>

#include "cli/convert.hpp"
#include "cli/options.hpp"

namespace folio::cli {

/// Expands the inputs into jobs with their output paths. Inputs that do not exist still become
/// jobs (they fail when converted, so the others go on). Throws base::Error(Usage) when an output
/// would overwrite an input.
std::vector<Job> plan_jobs(const Options& opts);

/// The stable shard (0-based) of an input path among `n` shards (FNV-1a of the path).
unsigned shard_of(const std::string& path, unsigned n);

/// Runs every job; returns the exit status (0 all converted or skipped, 1 some failed).
int run_batch(const Options& opts, std::vector<Job> jobs);

}  // namespace folio::cli
