// Fuzz target: model → layout → PDF. The article reader turns the bytes into a model; layout
// runs on every input and the libharu writer on small ones.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>
#include <unistd.h>

#include "base/error.hpp"
#include "parse/reader.hpp"
#include "pdf/pdf_writer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const folio::style::Style style = [] {
        folio::style::Style s;
        s.name = "fuzz";
        s.page = folio::style::default_page_style();
        return s;
    }();
    static const auto resources = folio::pdf::make_resources();
    folio::base::Diagnostics diag("fuzz.txt");
    folio::parse::ReadOptions opts;
    try {
        auto doc = folio::parse::read_article(std::string_view(reinterpret_cast<const char*>(data), size), opts, diag);
        folio::pdf::PdfOptions po;
        (void)folio::pdf::layout_trace(doc, style, po, *resources, diag);
        if (size < 4096) {
            const auto out = std::filesystem::temp_directory_path() / ("folio-fuzz-" + std::to_string(::getpid()) + ".pdf");
            folio::pdf::write_pdf(doc, style, po, *resources, out, diag);
            std::filesystem::remove(out);
        }
    } catch (const folio::base::Error&) {
    }
    return 0;
}
