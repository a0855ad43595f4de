// Fuzz target: the CSS tokenizer, parser and the resolution into a PageStyle must never crash
// or hang, whatever the bytes of a style file.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "base/error.hpp"
#include "style/css_parser.hpp"
#include "style/style.hpp"

namespace {

void parse_blocks(const std::vector<folio::style::css::Rule>& rules, std::vector<folio::style::css::SyntaxIssue>& issues) {
    for (const auto& r : rules) {
        if (!r.has_block) continue;
        const auto decls = folio::style::css::parse_declarations(r.block, issues);
        parse_blocks(decls.at_rules, issues);
        for (const auto& d : decls.declarations) (void)folio::style::css::to_css(d.value);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::vector<folio::style::css::SyntaxIssue> issues;
    parse_blocks(folio::style::css::parse_stylesheet(text, issues), issues);

    // The whole loader (cascade, units, @page) goes through a file, as users give it.
    static const std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("folio-fuzz-" + std::to_string(::getpid()) + ".css");
    std::ofstream(path, std::ios::binary).write(text.data(), static_cast<std::streamsize>(text.size()));
    folio::base::Diagnostics diag(path.string());
    try {
        (void)folio::style::load_style(path.string(), diag);
    } catch (const folio::base::Error&) {
        // An unusable style is a valid outcome.
    }
    return 0;
}
