// The readers: bytes of an input → a Document. Readers never fail on content: problems become
// diagnostics with positions. Only input that cannot be text at all (binary) throws Error(Input).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "model/document.hpp"

namespace folio::parse {

enum class InputFormat { Article, Markdown, Html };

struct ReadOptions {
    /// BCP 47 code forced by --lang; empty: detect.
    std::string lang;
    /// Typographic normalisation (quotes, apostrophes, dashes, French spacing); --no-smart turns it off.
    bool smart = true;
    /// Folder relative image paths are resolved against (the input's folder).
    std::filesystem::path base_dir = ".";
    /// Extra folders images may be read from (--resource-path).
    std::vector<std::filesystem::path> resource_paths;
};

/// Guesses the format from a file name: .md/.markdown → Markdown, .html/.htm/.xhtml → Html,
/// anything else → Article.
InputFormat format_from_name(std::string_view name);

/// The format of an input by its name, and by its first bytes when the name says nothing more
/// than Article (standard input, no extension, .txt): text that opens as an HTML document
/// ("<!DOCTYPE html", "<html", an XML declaration before <html) is a saved page.
InputFormat format_of(std::string_view name, std::string_view bytes);

/// Reads a cleaned web article (see README "The article format").
model::Document read_article(std::string_view bytes, const ReadOptions& opts, base::Diagnostics& diag);

/// Reads CommonMark + GFM with optional YAML front matter.
model::Document read_markdown(std::string_view bytes, const ReadOptions& opts, base::Diagnostics& diag);

/// Reads a saved web page: keeps the main article (Readability-style extraction), records
/// what it removed in meta.removed, reads the page's metadata.
model::Document read_html(std::string_view bytes, const ReadOptions& opts, base::Diagnostics& diag);

inline model::Document read(InputFormat f, std::string_view bytes, const ReadOptions& opts,
                            base::Diagnostics& diag) {
    switch (f) {
        case InputFormat::Markdown: return read_markdown(bytes, opts, diag);
        case InputFormat::Html: return read_html(bytes, opts, diag);
        case InputFormat::Article: break;
    }
    return read_article(bytes, opts, diag);
}

}  // namespace folio::parse
