// URL text helpers the readers share.
#include "parse/url_text.hpp"

namespace folio::parse {

bool is_unsafe_url(std::string_view url) {
    std::string s;
    for (const char c : url) {
        if (static_cast<unsigned char>(c) <= 0x20) continue;  // browsers ignore these inside a scheme
        s += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        if (s.size() > 16) break;
    }
    return s.rfind("javascript:", 0) == 0 || s.rfind("vbscript:", 0) == 0 || s.rfind("data:", 0) == 0;
}

std::string percent_decode(std::string_view s) {
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
            out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

}  // namespace folio::parse
