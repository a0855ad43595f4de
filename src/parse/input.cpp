// Input decoding: any text encoding → clean UTF-8 (LF line ends, no controls, no zero-width
// characters), with one diagnostic per kind of repair. Valid UTF-8 takes a copy-only fast path.
#include "parse/input.hpp"

#include <iconv.h>
#include <uchardet/uchardet.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "base/error.hpp"
#include "base/utf8.hpp"

namespace folio::parse {
namespace {

namespace utf8 = base::utf8;

/// Bytes looked at to decide "binary" and BOM-less UTF-16: enough for any file header and a
/// representative run of text, small enough to cost nothing on large inputs.
constexpr std::size_t binary_sample_bytes = 64 * 1024;
/// Suspicious bytes (NUL and controls other than tab/LF/CR/FF/ESC) tolerated in the sample
/// before the input counts as binary: a few stray controls happen in real text files.
constexpr std::size_t binary_min_suspicious = 8;
/// ... and their share of the sample, in percent: compressed or machine data has ~12 %.
constexpr std::size_t binary_suspicious_percent = 2;
/// Invalid UTF-8 sequences reported one by one; the rest are summed up in one line.
constexpr std::size_t max_individual_warnings = 10;
/// Share of NUL bytes (percent) in one byte lane that marks BOM-less UTF-16 text.
constexpr std::size_t utf16_nul_lane_percent = 30;

// ---------------------------------------------------------------- positions

/// Turns byte offsets of the output into LINE:COL (columns in code points). Offsets must be
/// asked in increasing order, which keeps the whole scan linear.
class PositionTracker {
public:
    explicit PositionTracker(const std::string& text) : text_(text) {}

    std::pair<std::uint32_t, std::uint32_t> at(std::size_t offset) {
        if (offset < pos_) reset();
        while (pos_ < offset && pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c == '\n' || (c == '\r' && (pos_ + 1 >= text_.size() || text_[pos_ + 1] != '\n'))) {
                ++line_;
                col_ = 1;
            } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && c != '\r') {
                ++col_;
            }
            ++pos_;
        }
        return {line_, col_};
    }

private:
    void reset() { pos_ = 0; line_ = 1; col_ = 1; }
    const std::string& text_;
    std::size_t pos_ = 0;
    std::uint32_t line_ = 1;
    std::uint32_t col_ = 1;
};

// ---------------------------------------------------------------- binary detection

bool has_binary_magic(std::string_view b) {
    auto starts = [&](std::string_view m) { return b.substr(0, m.size()) == m; };
    using namespace std::string_view_literals;
    return starts("\x89PNG\r\n\x1a\n"sv) || starts("\xFF\xD8\xFF"sv) || starts("GIF87a"sv) ||
           starts("GIF89a"sv) || starts("PK\x03\x04"sv) || starts("\x7F" "ELF"sv) ||
           starts("\x1F\x8B"sv) || starts("%PDF-"sv) ||
           (starts("BZh"sv) && b.size() > 3 && b[3] >= '1' && b[3] <= '9');
}

bool is_suspicious_byte(unsigned char c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) || c == 0x7F;
}

enum class Utf16Guess { None, LE, BE };

/// UTF-16 without a BOM: NULs fill one byte lane (the high bytes of Latin text) and not the other.
Utf16Guess guess_bomless_utf16(std::string_view sample) {
    if (sample.size() < 4) return Utf16Guess::None;
    std::size_t even_nul = 0, odd_nul = 0;
    const std::size_t n = sample.size() & ~std::size_t{1};
    for (std::size_t i = 0; i < n; i += 2) {
        even_nul += sample[i] == '\0';
        odd_nul += sample[i + 1] == '\0';
    }
    const std::size_t lane = n / 2;
    if (odd_nul * 100 >= lane * utf16_nul_lane_percent && even_nul * 100 < lane) return Utf16Guess::LE;
    if (even_nul * 100 >= lane * utf16_nul_lane_percent && odd_nul * 100 < lane) return Utf16Guess::BE;
    return Utf16Guess::None;
}

void refuse_if_binary(std::string_view bytes) {
    if (has_binary_magic(bytes))
        throw base::Error(base::ErrorCode::Input, "binary data, not text (the file starts with a binary signature)");
    const std::string_view sample = bytes.substr(0, binary_sample_bytes);
    std::size_t suspicious = 0, nuls = 0;
    for (const char c : sample) {
        suspicious += is_suspicious_byte(static_cast<unsigned char>(c));
        nuls += c == '\0';
    }
    // Text editors never write NUL outside UTF-16 (which is recognised before this check), so a
    // NUL means the bytes are not text, however few control bytes surround it.
    if (nuls > 0)
        throw base::Error(base::ErrorCode::Input,
                          "binary data, not text (" + std::to_string(nuls) + " NUL bytes in the first " +
                              std::to_string(sample.size()) + " bytes)");
    if (suspicious > binary_min_suspicious && suspicious * 100 > sample.size() * binary_suspicious_percent)
        throw base::Error(base::ErrorCode::Input,
                          "binary data, not text (" + std::to_string(suspicious) + " control bytes in the first " +
                              std::to_string(sample.size()) + " bytes)");
}

// ---------------------------------------------------------------- conversions

/// UTF-16 → UTF-8; unpaired surrogates and an odd last byte become U+FFFD and are counted.
std::string utf16_to_utf8(std::string_view b, bool little_endian, std::size_t& bad) {
    std::string out;
    out.reserve(b.size() + b.size() / 2);
    auto unit = [&](std::size_t i) -> char32_t {
        const auto lo = static_cast<unsigned char>(b[little_endian ? i : i + 1]);
        const auto hi = static_cast<unsigned char>(b[little_endian ? i + 1 : i]);
        return static_cast<char32_t>(hi << 8 | lo);
    };
    std::size_t i = 0;
    for (; i + 1 < b.size(); i += 2) {
        const char32_t u = unit(i);
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < b.size()) {
            const char32_t v = unit(i + 2);
            if (v >= 0xDC00 && v <= 0xDFFF) {
                utf8::append(out, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
                i += 2;
                continue;
            }
        }
        if (u >= 0xD800 && u <= 0xDFFF) {
            ++bad;
            utf8::append(out, utf8::replacement);
            continue;
        }
        utf8::append(out, u);
    }
    if (i < b.size()) {
        ++bad;
        utf8::append(out, utf8::replacement);
    }
    return out;
}

struct IconvCloser {
    void operator()(void* cd) const noexcept { iconv_close(static_cast<iconv_t>(cd)); }
};

/// Converts with glibc iconv; bytes the source charset cannot decode become U+FFFD and are
/// counted. Returns false when iconv does not know the charset.
bool iconv_to_utf8(std::string_view in, const std::string& charset, std::string& out, std::size_t& bad) {
    iconv_t raw = iconv_open("UTF-8", charset.c_str());
    if (raw == reinterpret_cast<iconv_t>(-1)) return false;
    std::unique_ptr<void, IconvCloser> cd(raw);
    out.assign(in.size() * 2 + 16, '\0');
    char* src = const_cast<char*>(in.data());  // iconv's signature is not const-correct
    std::size_t src_left = in.size();
    std::size_t written = 0;
    const std::string fffd = utf8::encode(utf8::replacement);
    while (src_left > 0) {
        char* dst = out.data() + written;
        std::size_t dst_left = out.size() - written;
        const std::size_t r = iconv(raw, &src, &src_left, &dst, &dst_left);
        written = static_cast<std::size_t>(dst - out.data());
        if (r != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) {
            out.resize(out.size() * 2);
        } else if (errno == EILSEQ || errno == EINVAL) {
            // Skip the undecodable byte (or the truncated sequence at the end).
            ++bad;
            if (out.size() - written < fffd.size()) out.resize(out.size() * 2);
            std::memcpy(out.data() + written, fffd.data(), fffd.size());
            written += fffd.size();
            ++src;
            --src_left;
            iconv(raw, nullptr, nullptr, nullptr, nullptr);
        } else {
            return false;
        }
    }
    out.resize(written);
    return true;
}

std::string detect_charset(std::string_view bytes) {
    std::unique_ptr<std::remove_pointer_t<uchardet_t>, void (*)(uchardet_t)> ud(uchardet_new(), uchardet_delete);
    if (!ud) throw base::Error(base::ErrorCode::Library, "uchardet_new failed");
    if (uchardet_handle_data(ud.get(), bytes.data(), bytes.size()) != 0)
        throw base::Error(base::ErrorCode::Library, "uchardet could not analyse the input");
    uchardet_data_end(ud.get());
    const char* cs = uchardet_get_charset(ud.get());
    return cs ? std::string(cs) : std::string();
}

/// Counts valid multi-byte sequences and invalid bytes: mostly-valid UTF-8 with a few broken
/// bytes is damaged UTF-8, not a legacy encoding.
void utf8_census(std::string_view b, std::size_t& valid_multi, std::size_t& invalid) {
    for (std::size_t i = 0; i < b.size();) {
        if (static_cast<unsigned char>(b[i]) < 0x80) { ++i; continue; }
        const std::size_t n = utf8::valid_sequence_length(b, i);
        if (n == 0) { ++invalid; ++i; } else { ++valid_multi; i += n; }
    }
}

// ---------------------------------------------------------------- normalisation

enum ByteKind : std::uint8_t { Plain, Special, Lead };

constexpr std::array<std::uint8_t, 256> make_kinds() {
    std::array<std::uint8_t, 256> k{};
    for (int c = 0; c < 256; ++c) {
        if (c >= 0x80) k[c] = Lead;
        else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) k[c] = Special;
        else k[c] = Plain;
    }
    return k;
}
constexpr std::array<std::uint8_t, 256> byte_kinds = make_kinds();

/// What a valid multi-byte sequence at s[i] (length n) needs: 0 keep, 1 control (C1), 2 zero-width,
/// 3 noncharacter (replaced like invalid input).
int multibyte_action(std::string_view s, std::size_t i, std::size_t n) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (n == 2) return b0 == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0 ? 1 : 0;
    if (n != 3 || (b0 != 0xE2 && b0 != 0xEF)) return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    const auto b2 = static_cast<unsigned char>(s[i + 2]);
    if (b0 == 0xE2) {
        if (b1 == 0x80 && b2 == 0x8B) return 2;  // U+200B ZERO WIDTH SPACE
        if (b1 == 0x81 && b2 == 0xA0) return 2;  // U+2060 WORD JOINER
        return 0;
    }
    if (b1 == 0xBB && b2 == 0xBF) return 2;                  // U+FEFF inside text
    if (b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF)) return 3;  // U+FFFE, U+FFFF
    return 0;
}

/// Offset of the first byte that the normaliser would change, or npos for clean input.
std::size_t first_dirty(std::string_view s) {
    const std::size_t n = s.size();
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    std::size_t i = 0;
    while (i < n) {
        // Eight ASCII bytes without controls (tabs and line ends are none) at a time: the
        // common case of prose, and of spilled words on lines of their own. On ASCII bytes
        // each sum stays inside its byte, so every test is exact.
        while (i + 8 <= n) {
            std::uint64_t w;
            std::memcpy(&w, p + i, 8);
            constexpr std::uint64_t high = 0x8080808080808080ull;
            constexpr std::uint64_t ones = 0x0101010101010101ull;
            if (w & high) break;
            const std::uint64_t below_space = ~(w + ones * 0x60) & high;
            const std::uint64_t line_end = ~((w ^ (ones * '\n')) + ones * 0x7F) & high;
            const std::uint64_t tab = ~((w ^ (ones * '\t')) + ones * 0x7F) & high;
            const std::uint64_t del = (w + ones) & high;
            if ((below_space & ~(line_end | tab)) | del) break;
            i += 8;
        }
        if (i >= n) break;
        const unsigned char c = p[i];
        switch (byte_kinds[c]) {
            case Plain: ++i; break;
            case Special: return i;
            default: {
                // Two-byte letters (most accented Latin) are valid and kept: C3–DF or C2 A0–BF
                // before a continuation byte (C2 80–9F are C1 controls, which are cleaned).
                if (i + 1 < n && (p[i + 1] & 0xC0) == 0x80 && ((c >= 0xC3 && c <= 0xDF) || (c == 0xC2 && p[i + 1] >= 0xA0))) {
                    i += 2;
                    break;
                }
                const std::size_t len = utf8::valid_sequence_length(s, i);
                if (len == 0 || multibyte_action(s, i, len) != 0) return i;
                i += len;
            }
        }
    }
    return std::string_view::npos;
}

struct Repairs {
    std::size_t invalid = 0;
    std::size_t controls = 0;
    std::size_t nuls = 0;
    std::size_t zero_width = 0;
    std::size_t first_control_at = 0;
    char32_t first_control = 0;
    std::size_t first_zero_width_at = 0;
    char32_t first_zero_width = 0;
    std::vector<std::pair<std::size_t, std::string>> invalid_reports;  // output offset, bytes shown
};

std::string hex_bytes(std::string_view b) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    for (const char ch : b) {
        const auto c = static_cast<unsigned char>(ch);
        if (!out.empty()) out += ' ';
        out += "0x";
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

/// Copies `s` to `out`, repairing from `start` on (everything before is known clean).
void normalise(std::string_view s, std::size_t start, std::string& out, Repairs& r) {
    out.reserve(s.size());
    out.append(s.substr(0, start));
    const std::string fffd = utf8::encode(utf8::replacement);
    std::size_t i = start;
    std::size_t run = i;  // start of pending clean bytes
    auto flush = [&](std::size_t upto) { out.append(s.substr(run, upto - run)); };
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        const auto kind = byte_kinds[c];
        if (kind == Plain) { ++i; continue; }
        if (kind == Special) {
            flush(i);
            if (c == '\r') {
                out += '\n';
                i += (i + 1 < s.size() && s[i + 1] == '\n') ? 2 : 1;
            } else {
                if (r.controls + r.nuls == 0) { r.first_control_at = out.size(); r.first_control = c; }
                (c == 0 ? r.nuls : r.controls) += 1;
                ++i;
            }
            run = i;
            continue;
        }
        const std::size_t len = utf8::valid_sequence_length(s, i);
        const int action = len == 0 ? 3 : multibyte_action(s, i, len);
        if (action == 0) { i += len; continue; }
        flush(i);
        if (action == 3) {
            // A run of bad bytes is reported once and replaced by one U+FFFD per byte; a
            // noncharacter (U+FFFE, U+FFFF) by one U+FFFD.
            std::size_t j = i + (len == 0 ? 1 : len);
            if (len == 0)
                while (j < s.size() && static_cast<unsigned char>(s[j]) >= 0x80 && utf8::valid_sequence_length(s, j) == 0) ++j;
            ++r.invalid;
            if (r.invalid_reports.size() < max_individual_warnings)
                r.invalid_reports.emplace_back(out.size(), hex_bytes(s.substr(i, std::min<std::size_t>(j - i, 8))));
            const std::size_t replacements = len == 0 ? j - i : 1;
            for (std::size_t k = 0; k < replacements; ++k) out += fffd;
            i = j;
        } else {
            std::size_t k = i;
            const char32_t cp = utf8::decode(s, k);
            if (action == 1) {
                if (r.controls + r.nuls == 0) { r.first_control_at = out.size(); r.first_control = cp; }
                ++r.controls;
            } else {
                if (r.zero_width == 0) { r.first_zero_width_at = out.size(); r.first_zero_width = cp; }
                ++r.zero_width;
            }
            i += len;
        }
        run = i;
    }
    flush(i);
}

void report(const std::string& text, const Repairs& r, base::Diagnostics& diag) {
    // Diagnostics must come out in position order for the tracker; each kind is already ordered.
    PositionTracker where(text);
    for (const auto& [offset, shown] : r.invalid_reports) {
        const auto p = where.at(offset);
        diag.warn(p.first, p.second, "invalid UTF-8 (" + shown + ") replaced with U+FFFD");
    }
    if (r.invalid > r.invalid_reports.size())
        diag.warn(0, 0, std::to_string(r.invalid - r.invalid_reports.size()) +
                            " more invalid UTF-8 sequences replaced with U+FFFD");
    if (r.controls + r.nuls > 0) {
        PositionTracker w(text);
        const auto p = w.at(r.first_control_at);
        std::string msg = "removed " + std::to_string(r.controls + r.nuls) + " control character" +
                          (r.controls + r.nuls == 1 ? "" : "s");
        if (r.nuls > 0) msg += " (" + std::to_string(r.nuls) + " NUL)";
        msg += ", the first (" + utf8::codepoint_name(r.first_control) + ") here";
        diag.warn(p.first, p.second, msg);
    }
    if (r.zero_width > 0) {
        PositionTracker w(text);
        const auto p = w.at(r.first_zero_width_at);
        diag.warn(p.first, p.second,
                  "removed " + std::to_string(r.zero_width) + " zero-width character" + (r.zero_width == 1 ? "" : "s") +
                      ", the first (" + utf8::codepoint_name(r.first_zero_width) + ") here");
    }
}

/// Upper-case charset name as reported to the user.
std::string upper(std::string s) {
    for (auto& c : s) if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    return s;
}

}  // namespace

DecodedText decode_input(std::string_view bytes, base::Diagnostics& diag) {
    using namespace std::string_view_literals;
    DecodedText result;
    std::string converted;  // owns the UTF-8 text when the source was not UTF-8
    std::string_view text = bytes;
    std::size_t conversion_errors = 0;

    if (bytes.substr(0, 3) == "\xEF\xBB\xBF"sv) {
        result.encoding = "UTF-8";
        text = bytes.substr(3);
    } else if (bytes.substr(0, 4) == "\xFF\xFE\0\0"sv || bytes.substr(0, 4) == "\0\0\xFE\xFF"sv) {
        result.encoding = bytes[0] == '\xFF' ? "UTF-32LE" : "UTF-32BE";
        if (!iconv_to_utf8(bytes.substr(4), result.encoding, converted, conversion_errors))
            throw base::Error(base::ErrorCode::Library, "iconv cannot decode " + result.encoding);
        text = converted;
    } else if (bytes.substr(0, 2) == "\xFF\xFE"sv || bytes.substr(0, 2) == "\xFE\xFF"sv) {
        const bool le = bytes[0] == '\xFF';
        result.encoding = le ? "UTF-16LE" : "UTF-16BE";
        converted = utf16_to_utf8(bytes.substr(2), le, conversion_errors);
        text = converted;
    } else if (const auto g = has_binary_magic(bytes) ? Utf16Guess::None : guess_bomless_utf16(bytes.substr(0, binary_sample_bytes));
               g != Utf16Guess::None) {
        result.encoding = g == Utf16Guess::LE ? "UTF-16LE" : "UTF-16BE";
        converted = utf16_to_utf8(bytes, g == Utf16Guess::LE, conversion_errors);
        // Binary data with zero high bytes (16-bit tables) looks like UTF-16 until decoded.
        refuse_if_binary(converted);
        diag.warn(0, 0, "no byte-order mark: decoded as " + result.encoding);
        text = converted;
    } else {
        refuse_if_binary(bytes);
        result.encoding = "UTF-8";
        const std::size_t dirty = first_dirty(bytes);
        if (dirty == std::string_view::npos) {
            result.text = std::string(bytes);
            return result;
        }
        std::size_t valid_multi = 0, invalid = 0;
        utf8_census(bytes, valid_multi, invalid);
        // Mostly-valid UTF-8 keeps its valid characters; otherwise ask uchardet.
        if (invalid > 0 && valid_multi < invalid * 4) {
            std::string cs = upper(detect_charset(bytes));
            if (!cs.empty() && cs != "UTF-8" && cs != "ASCII" &&
                iconv_to_utf8(bytes, cs, converted, conversion_errors)) {
                result.encoding = cs;
                diag.warn(0, 0, "the input is not UTF-8: decoded as " + cs + " (detected)");
                text = converted;
            }
        }
    }
    if (conversion_errors > 0)
        diag.warn(0, 0, std::to_string(conversion_errors) + " undecodable " + result.encoding +
                            " sequence" + (conversion_errors == 1 ? "" : "s") + " replaced with U+FFFD");

    const std::size_t dirty = first_dirty(text);
    if (dirty == std::string_view::npos) {
        result.text = converted.empty() ? std::string(text) : std::move(converted);
        return result;
    }
    Repairs repairs;
    normalise(text, dirty, result.text, repairs);
    report(result.text, repairs, diag);
    return result;
}

}  // namespace folio::parse
