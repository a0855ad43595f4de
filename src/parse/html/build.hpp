// The kept part of the DOM → model blocks: headings, paragraphs, lists, quotes, tables, code,
// figures, links, emphasis. Nothing executable crosses over: only text, safe URLs and local images.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "model/document.hpp"
#include "parse/html/dom.hpp"

namespace folio::parse::html {

struct BuildOptions {
    std::filesystem::path base_dir;                      // the page's folder
    std::vector<std::filesystem::path> resource_paths;   // --resource-path
    std::string base_url;                                // relative links resolve against it
    std::string title;                                   // the page's title, printed above the body
    /// Tables were written by hand (raw HTML in Markdown): a picture in a cell is data, whereas
    /// on a web page it marks a layout table, whose cells are read as blocks.
    bool authored_tables = false;
    /// The document's language, when known before reading: parts in it need no mark of their own.
    std::string lang;
};

/// Blocks of the subtrees `roots`, skipping dropped nodes. Remote or missing images keep their
/// alt text with a warning.
model::Blocks build_blocks(const Dom& dom, const std::vector<int>& roots, const BuildOptions& opts, base::Diagnostics& diag);

/// Whether a text (in lower case) is only the word for a picture in one of folio's languages
/// ("image", "foto"): it describes no picture in particular, as an alt text or as a line.
bool is_picture_word(std::string_view low);

/// Sets a picture's caption in italics, as a description is, so that it does not read as the
/// article's own text: its content inside one emphasis, unless it is already.
void set_as_caption(model::Paragraph& p, model::SourcePos pos);

/// Blocks of an HTML fragment written inside another document (raw HTML in Markdown): parsed as
/// a page's body is, with the page reader's rules, but without boilerplate extraction. Elements
/// that are never text (is_silent_tag) are dropped with a warning. `at` is where the fragment
/// starts in its file, so that positions and warnings point into that file. Never fails.
model::Blocks fragment_blocks(std::string_view html, model::SourcePos at, const BuildOptions& opts,
                              base::Diagnostics& diag);

}  // namespace folio::parse::html
