// Fuzz target: the Markdown reader must never crash or hang on any bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/error.hpp"
#include "parse/reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    folio::base::Diagnostics diag("fuzz.md");
    folio::parse::ReadOptions opts;
    opts.base_dir = "/nonexistent";  // never read real files while fuzzing
    try {
        (void)folio::parse::read_markdown(std::string_view(reinterpret_cast<const char*>(data), size), opts, diag);
    } catch (const folio::base::Error&) {
    }
    return 0;
}
