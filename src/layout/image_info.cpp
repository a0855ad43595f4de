// PNG (IHDR) and JPEG (SOFn marker) header parsing.
#include "layout/image_info.hpp"

#include <fstream>
#include <vector>

namespace folio::layout {
namespace {

/// JPEG files carry their frame header after metadata segments (EXIF, ICC profiles) that can be
/// large; scanning stops after this many bytes.
constexpr std::size_t max_header_scan_bytes = 4u << 20;
/// Larger pictures are refused: a handout image needs far fewer pixels, and libharu keeps the
/// decoded image in memory.
constexpr int max_image_side_px = 20000;

unsigned be16(const std::vector<unsigned char>& b, std::size_t i) { return (b[i] << 8) | b[i + 1]; }

}  // namespace

std::optional<ImageInfo> read_image_info(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::vector<unsigned char> b(max_header_scan_bytes);
    in.read(reinterpret_cast<char*>(b.data()), static_cast<std::streamsize>(b.size()));
    b.resize(static_cast<std::size_t>(in.gcount()));
    ImageInfo info;
    static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (b.size() >= 24 && std::equal(png_sig, png_sig + 8, b.begin())) {
        info.png = true;
        info.width_px = static_cast<int>((be16(b, 16) << 16) | be16(b, 18));
        info.height_px = static_cast<int>((be16(b, 20) << 16) | be16(b, 22));
    } else if (b.size() >= 4 && b[0] == 0xFF && b[1] == 0xD8) {
        info.png = false;
        std::size_t i = 2;
        while (i + 9 < b.size()) {
            if (b[i] != 0xFF) return std::nullopt;
            const unsigned marker = b[i + 1];
            if (marker == 0xFF) { ++i; continue; }
            const unsigned len = be16(b, i + 2);
            const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                info.height_px = static_cast<int>(be16(b, i + 5));
                info.width_px = static_cast<int>(be16(b, i + 7));
                break;
            }
            if (len < 2) return std::nullopt;
            i += 2 + len;
        }
    } else {
        return std::nullopt;
    }
    if (info.width_px <= 0 || info.height_px <= 0 || info.width_px > max_image_side_px ||
        info.height_px > max_image_side_px)
        return std::nullopt;
    return info;
}

}  // namespace folio::layout
