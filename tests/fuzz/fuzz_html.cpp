// Fuzz target: the HTML reader must never crash or hang on any bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/error.hpp"
#include "parse/reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    folio::base::Diagnostics diag("fuzz.html");
    folio::parse::ReadOptions opts;
    try {
        (void)folio::parse::read_html(std::string_view(reinterpret_cast<const char*>(data), size), opts, diag);
    } catch (const folio::base::Error&) {
        // Refusing binary input is a valid outcome.
    }
    return 0;
}
