// Fuzz target: the article reader must never crash, hang or lose words on any bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/error.hpp"
#include "parse/reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    folio::base::Diagnostics diag("fuzz.txt");
    folio::parse::ReadOptions opts;
    try {
        (void)folio::parse::read_article(std::string_view(reinterpret_cast<const char*>(data), size), opts, diag);
    } catch (const folio::base::Error&) {
        // Refusing binary input is a valid outcome.
    }
    return 0;
}
