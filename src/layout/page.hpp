// Laid-out pages: what the PDF writer draws. Coordinates are PDF points with the origin at the
// bottom-left corner of the page; text runs are positioned at their baseline.
#pragma once

#include <cstddef>
#include <string>
#include <variant>
#include <vector>

#include "layout/font_metrics.hpp"
#include "model/document.hpp"
#include "style/style.hpp"

namespace folio::layout {

/// Text drawn at one position with one face; per-character font fallback happens in the writer.
struct TextRun {
    Face face = Face::Regular;
    double size_pt = 11;
    style::Color color;
    double x_pt = 0, y_pt = 0;
    /// Horizontal scale (1 = none); below 1 only for a line that could not be made to fit otherwise.
    double hscale = 1;
    std::string text;  // valid UTF-8, BMP only, no control characters
    /// Drawn in text render mode 3: extractable (image descriptions) but not printed.
    bool invisible = false;
};

struct Rule {
    double x0_pt = 0, y0_pt = 0, x1_pt = 0, y1_pt = 0;
    double width_pt = 0.5;
    style::Color color;
};

struct FillRect {
    double x_pt = 0, y_pt = 0, w_pt = 0, h_pt = 0;
    style::Color color;
};

struct ImageBox {
    std::string path;
    bool png = true;  // else JPEG
    double x_pt = 0, y_pt = 0, w_pt = 0, h_pt = 0;
};

/// A clickable area opening `uri` (as written by the author; the writer percent-encodes it).
/// A uri "#id" jumps to the LinkTarget of that id (layout keeps only such links whose id exists).
struct LinkArea {
    double x0_pt = 0, y0_pt = 0, x1_pt = 0, y1_pt = 0;
    std::string uri;
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

struct LaidOut {
    double width_pt = 0, height_pt = 0;
    std::vector<Page> pages;
    std::vector<OutlineEntry> outline;
    /// Each id once, in page order.
    std::vector<LinkTarget> targets;
    /// One line per laid-out line and page break (see layout_trace in pdf_writer.hpp).
    std::string trace;
};

}  // namespace folio::layout
