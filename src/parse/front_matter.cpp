// Front matter: locating the fenced YAML block and mapping its keys onto model::Metadata.
#include "parse/front_matter.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <string>

namespace folio::parse {
namespace {

/// Front matter is a handful of fields; a larger block is almost surely not front matter, and
/// yaml-cpp's cost grows with it.
constexpr std::size_t max_front_matter_bytes = 256 * 1024;
/// Lists and maps written into meta.extra are shortened beyond this many bytes.
constexpr std::size_t max_extra_value_bytes = 4096;

std::string_view line_at(std::string_view text, std::size_t pos, std::size_t& next) {
    const std::size_t nl = text.find('\n', pos);
    next = nl == std::string_view::npos ? text.size() : nl + 1;
    return text.substr(pos, (nl == std::string_view::npos ? text.size() : nl) - pos);
}

std::string_view trim_right(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool is_blank(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\n");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\n");
    return s.substr(b, e - b + 1);
}

/// A node as one line of text: scalars as written, sequences joined with ", ", maps in YAML flow style.
std::string flatten(const YAML::Node& n) {
    if (!n || n.IsNull()) return {};
    if (n.IsScalar()) return n.Scalar();
    if (n.IsSequence()) {
        std::string out;
        for (const auto& x : n) {
            if (!out.empty()) out += ", ";
            out += flatten(x);
            if (out.size() > max_extra_value_bytes) break;
        }
        return out;
    }
    YAML::Emitter e;
    e << YAML::Flow << n;
    std::string s = e.c_str();
    if (s.size() > max_extra_value_bytes) s.resize(max_extra_value_bytes);
    return s;
}

void add_list(const YAML::Node& n, std::vector<std::string>& out, bool split_commas) {
    if (!n || n.IsNull()) return;
    if (n.IsSequence()) {
        for (const auto& x : n) {
            std::string v = x.IsMap() && x["name"] ? flatten(x["name"]) : flatten(x);
            v = trim(v);
            if (!v.empty()) out.push_back(std::move(v));
        }
        return;
    }
    if (n.IsMap() && n["name"]) {
        add_list(n["name"], out, false);
        return;
    }
    const std::string s = flatten(n);
    if (!split_commas) {
        if (!trim(s).empty()) out.push_back(trim(s));
        return;
    }
    std::size_t start = 0;
    while (start <= s.size()) {
        const std::size_t comma = s.find(',', start);
        const std::string part = trim(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (!part.empty()) out.push_back(part);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
}

}  // namespace

std::optional<FrontMatterBlock> find_front_matter(std::string_view text) {
    std::size_t next = 0;
    if (trim_right(line_at(text, 0, next)) != "---") return std::nullopt;
    const std::size_t yaml_start = next;
    if (yaml_start >= text.size() || is_blank(line_at(text, yaml_start, next))) return std::nullopt;
    std::uint32_t lines = 1;
    for (std::size_t pos = yaml_start; pos < text.size() && pos - yaml_start <= max_front_matter_bytes;) {
        const std::string_view line = trim_right(line_at(text, pos, next));
        ++lines;
        if (line == "---" || line == "...") {
            FrontMatterBlock b;
            b.yaml = text.substr(yaml_start, pos - yaml_start);
            b.yaml_line = 2;
            b.end = next;
            b.lines = lines;
            return b;
        }
        pos = next;
    }
    return std::nullopt;
}

bool apply_front_matter(const FrontMatterBlock& block, model::Metadata& meta, base::Diagnostics& diag) {
    YAML::Node root;
    try {
        root = YAML::Load(std::string(block.yaml));
    } catch (const YAML::Exception& e) {
        const auto line = block.yaml_line + static_cast<std::uint32_t>(e.mark.line < 0 ? 0 : e.mark.line);
        const auto col = static_cast<std::uint32_t>(e.mark.column < 0 ? 0 : e.mark.column) + 1;
        diag.warn(line, col, "front matter is not valid YAML (" + e.msg + "); it is read as text");
        return false;
    }
    if (!root.IsMap()) {
        diag.warn(block.yaml_line, 1, "front matter is not a YAML mapping of keys to values; it is read as text");
        return false;
    }
    model::Metadata m = meta;
    for (const auto& kv : root) {
        const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : flatten(kv.first);
        std::string lower;
        for (char c : key) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        const YAML::Node& v = kv.second;
        if (lower == "title") m.title = trim(flatten(v));
        else if (lower == "subtitle") m.subtitle = trim(flatten(v));
        else if (lower == "author" || lower == "authors") add_list(v, m.authors, false);
        else if (lower == "date") m.date = trim(flatten(v));
        else if (lower == "lang" || lower == "language") {
            m.lang = trim(flatten(v));
            std::replace(m.lang.begin(), m.lang.end(), '_', '-');  // POSIX locale style → BCP 47
        }
        else if (lower == "description" || lower == "abstract") m.description = trim(flatten(v));
        else if (lower == "keywords" || lower == "tags") add_list(v, m.keywords, true);
        else if (lower == "url" || lower == "source") m.source_url = trim(flatten(v));
        else m.extra.emplace_back(key, flatten(v));
    }
    meta = std::move(m);
    return true;
}

}  // namespace folio::parse
