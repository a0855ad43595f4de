// The command-line application: options → conversions → exit status.
#pragma once

namespace folio::cli {

/// Runs folio with the given arguments; returns the process exit status
/// (0 all converted, 1 some input failed, 2 usage error).
int run(int argc, char** argv);

}  // namespace folio::cli
