// Input format detection from a file name, and from the first bytes where the name says nothing.
#include <algorithm>
#include <cctype>
#include <string>

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

InputFormat format_of(std::string_view name, std::string_view bytes) {
    const InputFormat by_name = format_from_name(name);
    if (by_name != InputFormat::Article) return by_name;
    // Only the opening is looked at: past a BOM and white space, the document's first markup.
    std::string head(bytes.substr(0, 1024));
    if (head.starts_with("\xEF\xBB\xBF")) head.erase(0, 3);
    std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return std::tolower(c); });
    const std::size_t at = head.find_first_not_of(" \t\r\n\f");
    if (at == std::string::npos) return by_name;
    const std::string_view h = std::string_view(head).substr(at);
    auto tag = [&](std::string_view t, std::size_t from) {  // "<html" followed by a space, ">" or "/"
        const std::size_t i = h.find(t, from);
        return i != std::string_view::npos && i + t.size() < h.size() && std::string_view(" \t\r\n>/").find(h[i + t.size()]) != std::string_view::npos;
    };
    if ((h.starts_with("<!doctype") && tag("html", 9)) || (h.starts_with("<html") && tag("<html", 0)) ||
        (h.starts_with("<?xml") && tag("<html", 5)))
        return InputFormat::Html;
    return by_name;
}

}  // namespace folio::parse
