// Fuzz target: model → XHTML/EPUB. Markdown input gives a rich model; the HTML builder runs on
// every input and the full EPUB package on small ones (zip writing dominates otherwise).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>
#include <unistd.h>

#include "base/error.hpp"
#include "epub/epub_writer.hpp"
#include "parse/reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const folio::style::Style style = [] {
        folio::style::Style s;
        s.name = "fuzz";
        s.page = folio::style::default_page_style();
        return s;
    }();
    folio::base::Diagnostics diag("fuzz.md");
    folio::parse::ReadOptions opts;
    opts.base_dir = "/nonexistent";
    try {
        auto doc = folio::parse::read_markdown(std::string_view(reinterpret_cast<const char*>(data), size), opts, diag);
        (void)folio::epub::render_html(doc, style, diag);
        if (size < 4096) {
            const auto out = std::filesystem::temp_directory_path() / ("folio-fuzz-" + std::to_string(::getpid()) + ".epub");
            folio::epub::write_epub(doc, style, {}, out, diag);
            std::filesystem::remove(out);
        }
    } catch (const folio::base::Error&) {
    }
    return 0;
}
