// The files a package carries besides its XHTML: the document's images (read, sniffed, renamed)
// and, with --embed-fonts, the style's font files found through fontconfig.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "epub/xhtml.hpp"
#include "model/document.hpp"

namespace folio::epub {

/// Larger images are refused: a web article's picture is far smaller, and the whole package is
/// built in memory.
inline constexpr std::size_t max_image_bytes = 32u << 20;

struct PackageFile {
    std::string href;  // relative to the OPF
    std::string media_type;
    std::string bytes;
};

/// "image/png", "image/jpeg", "image/gif", "image/svg+xml" from the content, or "" when the
/// bytes are none of the EPUB 3 core image types.
std::string_view sniff_image_type(std::string_view bytes);

struct CollectedImages {
    ImageMap map;                    // src → href of the copy
    std::vector<PackageFile> files;  // in order of first use
    std::size_t used = 0;            // images shown (copied successfully), counting repeats
    std::size_t without_alt = 0;     // of those, images with an empty or blank alt text
};

/// Reads every image of the document once (in reading order, footnotes last). A remote URL, a
/// missing or unreadable file or an unknown type gives a warning at the image's position, and
/// the image is then shown as its alt text.
CollectedImages collect_images(const model::Document& doc, std::string_view dir, base::Diagnostics& diag);

struct FontFace {
    std::string family;
    bool bold = false;
    bool italic = false;
    std::filesystem::path file;
};

/// The regular, bold, italic and bold-italic TrueType files of the first family in `families`
/// that fontconfig knows. Faces the family lacks are left out. Empty when none is installed.
std::vector<FontFace> find_font_faces(const std::vector<std::string>& families);

}  // namespace folio::epub
