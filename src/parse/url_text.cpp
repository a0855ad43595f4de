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

}  // namespace folio::parse
