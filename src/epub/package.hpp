// The EPUB package files around the content: META-INF/container.xml, the OPF package document
// (metadata, manifest, spine), nav.xhtml (table of contents and landmarks) and toc.ncx.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.hpp"
#include "epub/accessibility.hpp"
#include "model/document.hpp"

namespace folio::epub {

struct ManifestItem {
    std::string id;
    std::string href;  // relative to the OPF
    std::string media_type;
    std::string properties;  // space-separated, may be empty
};

/// One entry of the table of contents; `depth` is 0 for the outermost level and never exceeds the
/// previous entry's depth + 1.
struct NavEntry {
    int depth = 0;
    std::string text;
    std::string href;
};

struct PackageInfo {
    std::string identifier;  // "urn:uuid:..."
    std::string title;
    std::string lang;        // BCP 47, "und" when unknown
    std::string modified;    // CCYY-MM-DDThh:mm:ssZ
    const model::Metadata* meta = nullptr;
    std::vector<ManifestItem> manifest;  // in the order they are listed
    std::vector<std::string> spine;      // manifest ids in reading order
    /// Spine items outside the reading order (linear="no"): the navigation document, listed so
    /// that its landmark may link to it.
    std::vector<std::string> spine_auxiliary;
    /// What the accessibility metadata is derived from (lang and toc_entries included).
    AccessibilityFacts a11y;
    /// Manifest id of the cover picture (also named by an EPUB 2 <meta name="cover">); may be empty.
    std::string cover_image_id;
};

std::string container_xml(std::string_view opf_path);

/// The package document. A dc:date that is not W3C-DTF (epubcheck warns) is left out with a note.
std::string package_opf(const PackageInfo& p, base::Diagnostics& diag);

/// nav.xhtml: <nav epub:type="toc"> from `toc`, and landmarks (title page, toc, body start).
std::string nav_xhtml(const PackageInfo& p, const std::vector<NavEntry>& toc, std::string_view css_href,
                      std::string_view titlepage_href, std::string_view body_href);

/// toc.ncx for EPUB 2 reading systems, mirroring `toc`.
std::string toc_ncx(const PackageInfo& p, const std::vector<NavEntry>& toc);

/// YYYY, YYYY-MM, YYYY-MM-DD, or a date-time with seconds optional and Z or ±hh:mm.
bool is_w3c_date(std::string_view s);

}  // namespace folio::epub
