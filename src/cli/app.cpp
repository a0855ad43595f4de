// The application: options → (list styles | plan jobs → batch run) → exit status.
#include "cli/app.hpp"

#include <cstdio>

#include "base/error.hpp"
#include "cli/batch.hpp"
#include "cli/options.hpp"
#include "style/style.hpp"

namespace folio::cli {

int run(int argc, char** argv) {
    ParseResult parsed = parse_options(argc, argv);
    if (!parsed.options) return parsed.exit_status;
    const Options& opts = *parsed.options;
    if (opts.list_styles) {
        for (const auto& [name, description] : style::list_styles())
            std::printf("%-10s %s\n", name.c_str(), description.c_str());
        return 0;
    }
    try {
        return run_batch(opts, plan_jobs(opts));
    } catch (const base::Error& e) {
        std::fprintf(stderr, "folio: error: %s%s%s\n", e.where().c_str(), e.where().empty() ? "" : ": ", e.what());
        return base::exit_status(e.code());
    }
}

}  // namespace folio::cli
