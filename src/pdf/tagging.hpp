// Tagged PDF (PDF/UA-1): marked content in the page content streams, the structure tree with its
// parent tree, and the catalog entries and XMP metadata that go with them. libharu has no API for
// any of this, so it is written here, and only here, through libharu's object layer.
#pragma once

#include <hpdf.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "layout/page.hpp"

namespace folio::pdf {

/// Text as libharu can write it: controls and characters above U+FFFF become spaces.
std::string clean_text(std::string_view s);

/// Brackets the page content in marked-content sequences and builds the structure tree from the
/// layout's StructNodes. The painter calls it around every item it draws, in this order:
///   text:     before_text (before any BT it opens), then in_text (inside the text object);
///   ET:       before_end_text, then its ET;
///   graphics: before_graphic, after any ET (paths and images are outside text objects).
/// Sequences then nest correctly with BT/ET (text is marked inside its text object, graphics
/// outside any) and with q/Q (libharu's images are q ... Q as a whole). Errors are libharu's
/// sticky errors: the caller checks its document after each call.
class Tagger {
public:
    /// `tree` must outlive the Tagger; node 0 is the Document.
    Tagger(HPDF_Doc doc, const std::vector<layout::StructNode>& tree);

    /// Starts a page: its /StructParents key and /Tabs /S.
    void begin_page(HPDF_Page page);
    void before_text(bool text_open);
    void in_text(layout::Tag tag);
    void before_end_text();
    void before_graphic(layout::Tag tag);
    /// Closes the open sequence; call after the page's last item.
    void end_page();

    /// A link annotation of the Link element `tag` on `page`: its /StructParent, its /Contents
    /// (the link's text) and an object reference (OBJR) in the element.
    void annotation(HPDF_Page page, HPDF_Annotation annot, layout::Tag tag);

    /// The box a Figure's picture is drawn in (its Layout /BBox, which ISO 32000-1 asks of an
    /// illustration on one page: reflowing readers and checkers place the figure by it).
    void figure_box(layout::Tag tag, double x0_pt, double y0_pt, double x1_pt, double y1_pt);

    /// Writes the structure tree, its parent tree, /MarkInfo and the catalog's /StructTreeRoot.
    /// Elements without content are left out (table cells and described figures are kept).
    void finish();

private:
    struct Mark {
        std::uint32_t page;  // index into pages_
        std::uint32_t mcid;
    };
    struct ObjRef {
        std::uint32_t page;
        HPDF_Annotation annot;
    };
    void open(layout::Tag tag, bool inside_text);
    void close();
    void write(const char* s);

    HPDF_Doc doc_;
    const std::vector<layout::StructNode>& tree_;
    std::vector<HPDF_Page> pages_;
    std::vector<std::vector<Mark>> marks_;    // per node, in drawing order
    std::vector<std::vector<ObjRef>> objrs_;  // per node
    std::vector<std::pair<layout::Tag, std::array<double, 4>>> boxes_;  // Figure boxes, in drawing order
    /// Parent tree keys: each page's, then each annotation's, in the order they were made.
    std::vector<std::pair<int, layout::Tag>> annotation_keys_;
    std::vector<int> page_keys_;
    std::vector<std::vector<layout::Tag>> page_mcids_;  // per page: the node of each MCID
    int next_key_ = 0;
    HPDF_Page page_ = nullptr;
    bool open_ = false;
    bool open_in_text_ = false;
    layout::Tag open_tag_ = 0;
};

/// What the XMP metadata says; the same values as the Info dictionary.
struct XmpFields {
    std::string title;
    std::vector<std::string> creators;
    std::string lang;
    std::string description;
    std::string keywords;
    std::string creator_tool;
    std::string producer;
    std::int64_t epoch_s = 0;  // creation and modification date
};

/// The XMP packet (dc:title, dc:creator, dc:language, pdfuaid:part 1, dates from `epoch_s`):
/// deterministic, no generated ids.
std::string xmp_packet(const XmpFields& f);

/// Adds the XMP packet as the catalog's uncompressed /Metadata stream.
void add_xmp_metadata(HPDF_Doc doc, const XmpFields& f);

}  // namespace folio::pdf
