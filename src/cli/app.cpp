// Temporary: the command line until the options module lands.
#include "cli/app.hpp"

#include <cstdio>

namespace folio::cli {

int run(int, char**) {
    std::fputs("folio: error: not ready\n", stderr);
    return 1;
}

}  // namespace folio::cli
