// Pixel size of PNG and JPEG files, read from their headers so that layout can reserve space
// before the PDF writer embeds them.
#pragma once

#include <optional>
#include <string>

namespace folio::layout {

struct ImageInfo {
    int width_px = 0, height_px = 0;
    bool png = true;  // else JPEG
};

/// The size and kind of an image file; nullopt when it cannot be read or is neither PNG nor JPEG.
std::optional<ImageInfo> read_image_info(const std::string& path);

}  // namespace folio::layout
