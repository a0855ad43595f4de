// Laid-out pages: what the PDF writer draws. Coordinates are PDF points with the origin at the
// bottom-left corner of the page; text runs are positioned at their baseline.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "layout/font_metrics.hpp"
#include "model/document.hpp"
#include "style/style.hpp"

namespace folio::layout {

/// The structure element (an index into LaidOut::structure) a drawn item belongs to, or an
/// artifact: what a screen reader skips. Node 0 is the Document and never holds content itself.
using Tag = std::uint32_t;
constexpr Tag artifact_tag = 0;                  // decoration: rules, backgrounds, quotation bars
constexpr Tag pagination_tag = 0xFFFF'FFFFu;     // running header, page number and their rules

/// What follows a text run in the text. A tagged paragraph is read back run after run, and words
/// are placed one by one, so each run carries the break after it: a word space, or a line break
/// at a space (Space); a hyphen inserted at a line break (Hyphen: the run's text ends with that
/// '-'); nothing when the next run continues the word (a line broken after a hyphen or inside a
/// URL) or the paragraph ends.
enum class RunEnd : std::uint8_t { None, Space, Hyphen };

/// Text drawn at one position with one face; per-character font fallback happens in the writer.
struct TextRun {
    Face face = Face::Regular;
    double size_pt = 11;
    style::Color color;
    double x_pt = 0, y_pt = 0;
    /// Horizontal scale (1 = none); below 1 only for a line that could not be made to fit otherwise.
    double hscale = 1;
    std::string text;  // valid UTF-8, BMP only, no control characters
    Tag tag = artifact_tag;
    RunEnd end = RunEnd::None;
};

struct Rule {
    double x0_pt = 0, y0_pt = 0, x1_pt = 0, y1_pt = 0;
    double width_pt = 0.5;
    style::Color color;
    Tag tag = artifact_tag;
};

struct FillRect {
    double x_pt = 0, y_pt = 0, w_pt = 0, h_pt = 0;
    style::Color color;
    Tag tag = artifact_tag;
};

struct ImageBox {
    std::string path;
    bool png = true;  // else JPEG
    double x_pt = 0, y_pt = 0, w_pt = 0, h_pt = 0;
    Tag tag = artifact_tag;  // its Figure
};

/// A clickable area opening `uri` (as written by the author; the writer percent-encodes it).
/// A uri "#id" jumps to the LinkTarget of that id (layout keeps only such links whose id exists).
struct LinkArea {
    double x0_pt = 0, y0_pt = 0, x1_pt = 0, y1_pt = 0;
    std::string uri;
    Tag tag = artifact_tag;  // its Link element (the annotation is tagged through it)
};

using DrawItem = std::variant<TextRun, Rule, FillRect, ImageBox, LinkArea>;

struct Page {
    std::vector<DrawItem> items;
};

/// A bookmark: a heading's text and where it starts.
struct OutlineEntry {
    int level = 1;
    std::string title;
    std::size_t page = 0;  // 0-based
    double y_pt = 0;       // top of the heading
};

/// Where a heading or anchor id starts: the destination of "#id" links.
struct LinkTarget {
    std::string id;
    std::size_t page = 0;  // 0-based
    double y_pt = 0;       // top of the box holding it
};

/// Standard structure types of tagged PDF (ISO 32000-1, 14.8.4) that folio produces.
/// Content is not an element: its marked content belongs to the parent element, at this place
/// among the parent's kids (text of a paragraph around an inline Link).
enum class Role : std::uint8_t {
    Document, Content, H1, H2, H3, H4, H5, H6, P, L, LI, Lbl, LBody, Table, THead, TBody, TR, TH, TD,
    Caption, Figure, Div, BlockQuote, Code, Link, Note, Reference, Span,
};

/// A structure element. Nodes are stored in document (pre-)order: a parent comes before its
/// children and children come in reading order, which is the model's order.
struct StructNode {
    Role role = Role::Document;
    Tag parent = 0;
    std::vector<Tag> children;
    /// Figure: its /Alt (the image description). Link: the annotation's /Contents.
    std::string alt;
    /// Note: its /ID, unique in the document.
    std::string id;
    /// TH: true when it heads a column, false when it heads a row.
    bool column_header = true;
    /// The element's language when it differs from the document's (its /Lang), else empty.
    std::string lang;
};

struct LaidOut {
    double width_pt = 0, height_pt = 0;
    std::vector<Page> pages;
    /// The structure tree: node 0 is the Document; items' tags index it.
    std::vector<StructNode> structure;
    std::vector<OutlineEntry> outline;
    /// Each id once, in page order.
    std::vector<LinkTarget> targets;
    /// One line per laid-out line and page break (see layout_trace in pdf_writer.hpp).
    std::string trace;
};

}  // namespace folio::layout
