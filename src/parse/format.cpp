// Input format detection from a file name.
#include <algorithm>
#include <cctype>

#include "parse/reader.hpp"

namespace folio::parse {

InputFormat format_from_name(std::string_view name) {
    const auto dot = name.rfind('.');
    if (dot == std::string_view::npos) return InputFormat::Article;
    std::string ext(name.substr(dot + 1));
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (ext == "md" || ext == "markdown") return InputFormat::Markdown;
    if (ext == "html" || ext == "htm" || ext == "xhtml") return InputFormat::Html;
    return InputFormat::Article;
}

}  // namespace folio::parse
