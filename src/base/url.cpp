// Web addresses for the outputs: percent-encoding, host checks, and IDNA through libidn2, which
// is opened on first need (a host beyond ASCII is rare; loading libidn2 and libunistring at
// start cost every run 0.77M instructions, 13% of folio's start-up).
#include "base/url.hpp"

#include <dlfcn.h>
#include <idn2.h>

#include <algorithm>
#include <cstring>

#include "base/utf8.hpp"

namespace folio::base {
namespace {

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

/// libidn2's conversion of a UTF-8 domain name to ASCII, or std::nullopt when the name is not
/// a valid IDNA2008 name or libidn2 is not installed.
std::optional<std::string> idna_to_ascii(const std::string& host) {
    using ToAscii = int (*)(const char*, char**, int);
    using Free = void (*)(void*);
    struct Idn2 {
        ToAscii to_ascii = nullptr;
        Free release = nullptr;
    };
    static const Idn2 idn2 = [] {
        Idn2 f;
        // Never closed: the functions are used until the process ends.
        if (void* h = ::dlopen("libidn2.so.0", RTLD_NOW | RTLD_LOCAL)) {
            f.to_ascii = reinterpret_cast<ToAscii>(::dlsym(h, "idn2_to_ascii_8z"));
            f.release = reinterpret_cast<Free>(::dlsym(h, "idn2_free"));
            if (!f.to_ascii || !f.release) f = {};
        }
        return f;
    }();
    if (!idn2.to_ascii) return std::nullopt;
    char* out = nullptr;
    if (idn2.to_ascii(host.c_str(), &out, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT) != IDN2_OK || !out) {
        if (out) idn2.release(out);
        return std::nullopt;
    }
    std::string ascii(out);
    idn2.release(out);
    return ascii;
}

/// A host name of ASCII labels as URL parsers with the STD3 rules accept it (an IPv4 address
/// is such a name too); one final dot is allowed.
bool valid_ascii_host(std::string_view host) {
    if (!host.empty() && host.back() == '.') host.remove_suffix(1);
    constexpr std::size_t max_host = 253, max_label = 63;
    if (host.empty() || host.size() > max_host) return false;
    std::size_t start = 0;
    for (;;) {
        const std::size_t dot = std::min(host.find('.', start), host.size());
        const std::string_view label = host.substr(start, dot - start);
        if (label.empty() || label.size() > max_label || label.front() == '-' || label.back() == '-') return false;
        for (char c : label)
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
                return false;
        if (dot == host.size()) return true;
        start = dot + 1;
    }
}

bool valid_ipv6(std::string_view inner) {
    if (inner.empty()) return false;
    for (char c : inner)
        if (!is_hex(c) && c != ':' && c != '.') return false;
    return true;
}

/// The host of an authority (no user, no port) in the form a URI carries, or std::nullopt.
std::optional<std::string> uri_host(std::string_view host) {
    if (host.starts_with('[')) {
        if (!host.ends_with(']') || !valid_ipv6(host.substr(1, host.size() - 2))) return std::nullopt;
        return std::string(host);
    }
    std::string name = percent_decode(host);
    const bool ascii = std::all_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (!ascii) {
        if (!utf8::is_valid(name)) return std::nullopt;
        auto converted = idna_to_ascii(name);
        if (!converted) return std::nullopt;
        name = std::move(*converted);
    }
    if (!valid_ascii_host(name)) return std::nullopt;
    return name;
}

}  // namespace

std::string percent_decode(std::string_view s) {
    auto value = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && is_hex(s[i + 1]) && is_hex(s[i + 2])) {
            out += static_cast<char>(value(s[i + 1]) * 16 + value(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string percent_encode_uri(std::string_view s, bool brackets) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        const bool escape = c == '%' && i + 2 < s.size() && is_hex(s[i + 1]) && is_hex(s[i + 2]);
        if (c <= 0x20 || c >= 0x7f || std::strchr("\"<>\\^`{|}", c) || (c == '%' && !escape) ||
            (brackets && (c == '[' || c == ']'))) {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::optional<std::string> web_uri(std::string_view url) {
    const std::string clean = utf8::sanitize(url);
    std::string_view u = clean;
    // mailto: has no authority; its address is kept as written.
    if (utf8::ascii_lower(u.substr(0, 7)) == "mailto:") return percent_encode_uri(u);
    const std::size_t colon = u.find(':');
    if (colon == std::string_view::npos || u.substr(colon + 1, 2) != "//") return std::nullopt;
    const std::size_t auth_start = colon + 3;
    const std::size_t auth_end = std::min(u.find_first_of("/?#", auth_start), u.size());
    std::string_view auth = u.substr(auth_start, auth_end - auth_start);
    std::string_view user;
    if (const std::size_t at = auth.rfind('@'); at != std::string_view::npos) {
        user = auth.substr(0, at + 1);
        auth.remove_prefix(at + 1);
    }
    std::string_view host = auth, port;
    const std::size_t port_colon = auth.starts_with('[') ? auth.find(':', auth.find(']')) : auth.rfind(':');
    if (port_colon != std::string_view::npos) {
        host = auth.substr(0, port_colon);
        port = auth.substr(port_colon);
        for (char c : port.substr(1))
            if (c < '0' || c > '9') return std::nullopt;
    }
    const auto ascii_host = uri_host(host);
    if (!ascii_host) return std::nullopt;
    // Square brackets belong to an IPv6 host; in the path URI parsers refuse them (query and
    // fragment allow them, and servers read them there unescaped).
    const std::string_view rest = u.substr(auth_end);
    const std::size_t path_end = std::min(rest.find_first_of("?#"), rest.size());
    std::string out(u.substr(0, auth_start));
    out += percent_encode_uri(user);
    out += *ascii_host;
    out += port;
    out += percent_encode_uri(rest.substr(0, path_end), true);
    out += percent_encode_uri(rest.substr(path_end));
    return out;
}

}  // namespace folio::base
