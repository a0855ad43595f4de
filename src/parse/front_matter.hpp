// YAML front matter of Markdown documents (`---` … `---` at the very top), read with yaml-cpp
// into the document's metadata.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "base/diagnostics.hpp"
#include "model/document.hpp"

namespace folio::parse {

/// Where the front matter sits in the text. Views point into the text given to find_front_matter.
struct FrontMatterBlock {
    std::string_view yaml;        // between the fences, without them
    std::uint32_t yaml_line = 2;  // 1-based line of the first YAML line
    std::size_t end = 0;          // byte offset just past the closing fence's line end
    std::uint32_t lines = 0;      // lines the block occupies, fences included
};

/// Finds a front matter block: a first line `---`, a non-blank next line, and a closing line
/// `---` or `...`. Returns nothing when the text does not start that way.
std::optional<FrontMatterBlock> find_front_matter(std::string_view text);

/// Parses `block.yaml` into `meta`: title, subtitle, author/authors (string or list, or maps
/// with a name), date, lang/language, description, keywords/tags (list or comma string),
/// url/source; every other key goes to meta.extra in source order. A YAML error (or YAML that
/// is not a mapping) is a warning at FILE:LINE:COL and returns false with `meta` unchanged.
bool apply_front_matter(const FrontMatterBlock& block, model::Metadata& meta, base::Diagnostics& diag);

}  // namespace folio::parse
