// The PDF writer: lays the document out, then draws the pages with libharu — fonts embedded
// per face actually used, a correct ToUnicode CMap, outline, links, Info, /Lang, a content /ID,
// and the tags (structure tree and marked content, written by pdf/tagging).
#include "pdf/pdf_writer.hpp"

#include "base/overloaded.hpp"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_mmgr.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <bit>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <map>
#include <set>
#include <mutex>

#include "base/deflate.hpp"
#include "base/environment.hpp"
#include "base/error.hpp"
#include "base/io.hpp"
#include "base/parallel.hpp"
#include "base/url.hpp"
#include "base/utf8.hpp"
#include "layout/hyphenate.hpp"
#include "layout/layout.hpp"
#include "model/json.hpp"
#include "model/text.hpp"
#include "pdf/fonts.hpp"
#include "pdf/tagging.hpp"

// libharu copies and clears memory with byte loops of its own (HPDF_MemCpy, HPDF_MemSet), called
// through its procedure linkage table: every byte of a content stream is copied that way when
// written and again when saved, and the UTF-8 encoder of every document clears 260 KB. These
// definitions, with the same results (the end of the written range), take their place in the
// process: a batch of articles spends 5% less CPU.
extern "C" HPDF_BYTE* HPDF_MemCpy(HPDF_BYTE* out, const HPDF_BYTE* in, HPDF_UINT n) {
    if (n == 0) return out;
    // The loop copies forwards; only a destination overlapping the source from above differs
    // from memmove (the first bytes repeat), and libharu never asks for that.
    const auto to = reinterpret_cast<std::uintptr_t>(out), from = reinterpret_cast<std::uintptr_t>(in);
    if (to > from && to < from + n) {
        for (HPDF_UINT k = 0; k < n; ++k) out[k] = in[k];
    } else {
        std::memmove(out, in, n);
    }
    return out + n;
}

extern "C" void* HPDF_MemSet(void* s, HPDF_BYTE c, HPDF_UINT n) {
    if (n == 0) return s;
    std::memset(s, c, n);
    return static_cast<HPDF_BYTE*>(s) + n;
}

namespace folio::pdf {

class Resources {
public:
    FontLibrary fonts;
    layout::Hyphenator hyphenator;
};

std::shared_ptr<Resources> make_resources() { return std::make_shared<Resources>(); }

namespace {

using base::Overloaded;

constexpr const char* creator_name = "folio " FOLIO_VERSION;
constexpr const char* producer_name = "folio " FOLIO_VERSION " with libharu " HPDF_VERSION_TEXT;

/// libharu reports errors through a callback; it only records them here, and the C++ side checks
/// after each call (never unwinding through libharu's frames).
struct ErrorState {
    HPDF_STATUS error = 0;
    HPDF_STATUS detail = 0;
};

void record_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) noexcept {
    auto* st = static_cast<ErrorState*>(user_data);
    if (st->error == 0) {
        st->error = error_no;
        st->detail = detail_no;
    }
}

/// Owns an HPDF_Doc and its error state.
class PdfDoc {
public:
    PdfDoc() : doc_(HPDF_New(record_error, &errors_)) {
        if (!doc_) throw base::Error(base::ErrorCode::Library, "libharu could not create a document");
    }
    ~PdfDoc() { HPDF_Free(doc_); }
    PdfDoc(const PdfDoc&) = delete;
    PdfDoc& operator=(const PdfDoc&) = delete;

    HPDF_Doc get() const { return doc_; }

    /// Throws when libharu recorded an error since the last check.
    void check(const char* what) {
        if (errors_.error == 0) return;
        char buf[160];
        std::snprintf(buf, sizeof buf, "libharu failed (%s): error 0x%04X, detail %u", what,
                      static_cast<unsigned>(errors_.error), static_cast<unsigned>(errors_.detail));
        throw base::Error(base::ErrorCode::Library, buf);
    }
    /// Clears a recorded error (after a failure the caller recovers from, such as a bad image).
    bool failed_and_reset() {
        if (errors_.error == 0) return false;
        errors_ = {};
        HPDF_ResetError(doc_);
        return true;
    }

private:
    ErrorState errors_;
    HPDF_Doc doc_;
};

/// Links folio makes clickable: absolute web and mail addresses (relative paths and fragments
/// point into a source the PDF does not contain).
bool linkable(std::string_view uri) {
    return uri.starts_with("http://") || uri.starts_with("https://") || uri.starts_with("mailto:") ||
           uri.starts_with("ftp://");
}

/// A ToUnicode CMap with one bfchar entry per code used (codes are the code points themselves in
/// libharu's UTF-8 mode). At most 100 entries per block, as the CMap specification requires.
std::string to_unicode_cmap(const std::set<std::uint16_t>& codes) {
    std::string s =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    std::vector<std::uint16_t> v(codes.begin(), codes.end());
    for (std::size_t i = 0; i < v.size(); i += 100) {
        const std::size_t n = std::min<std::size_t>(100, v.size() - i);
        s += std::to_string(n) + " beginbfchar\n";
        for (std::size_t k = i; k < i + n; ++k) {
            char entry[24];
            std::snprintf(entry, sizeof entry, "<%04X> <%04X>\n", static_cast<unsigned>(v[k]), static_cast<unsigned>(v[k]));
            s += entry;
        }
        s += "endbfchar\n";
    }
    s += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    return s;
}

/// Calls `f(face_index, segment)` for each maximal part of `s` drawn by one font of the chain
/// (characters no font has go to the first font, which draws .notdef; above U+FFFF are skipped).
template <class F>
void for_each_font_segment(const FaceChain& chain, const std::string& s, F&& f) {
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t j = i;
        std::uint8_t face_index = FaceChain::no_face;
        std::string seg;
        while (j < s.size()) {
            std::size_t k = j;
            const char32_t c = base::utf8::decode(s, k);
            if (c >= bmp_size) { j = k; continue; }
            const std::uint8_t picked = chain.pick(c);
            const std::uint8_t pick = picked == FaceChain::no_face ? 0 : picked;
            if (face_index == FaceChain::no_face) face_index = pick;
            else if (pick != face_index) break;
            seg.append(s, j, k - j);
            j = k;
        }
        if (!seg.empty()) f(face_index, seg);
        i = j;
    }
}

/// libharu builds each UTF-8 font's CID tables by looking up all 65,536 code points in the font's
/// cmap with a linear search (about 10 ms per face with DejaVu). Restricting the parsed cmap to
/// the code points this document draws with the face makes that a constant-time lookup and drops
/// the unused entries from /W; the embedded font file keeps its own (subset) cmap.
void restrict_cmap(HPDF_Doc doc, const char* name, const std::set<std::uint16_t>& cps) {
    HPDF_FontDef def = HPDF_GetFontDef(doc, name);
    if (!def || cps.empty()) return;
    auto* attr = static_cast<HPDF_TTFontDefAttr>(def->attr);
    HPDF_TTF_CmapRange& cm = attr->cmap;
    if (cm.format != 4) return;
    const std::uint16_t lo = *cps.begin(), hi = *cps.rbegin();
    const HPDF_UINT count = static_cast<HPDF_UINT>(hi - lo + 1);
    auto alloc16 = [&](std::size_t n) {
        return static_cast<HPDF_UINT16*>(HPDF_GetMem(def->mmgr, static_cast<HPDF_UINT>(n * sizeof(HPDF_UINT16))));
    };
    HPDF_UINT16* glyphs = alloc16(count + 1);  // libharu reads index `count` when checking bounds
    HPDF_UINT16* ends = alloc16(2);
    HPDF_UINT16* starts = alloc16(2);
    HPDF_UINT16* ranges = alloc16(2);
    auto* deltas = static_cast<HPDF_INT16*>(HPDF_GetMem(def->mmgr, 2 * sizeof(HPDF_INT16)));
    if (!glyphs || !ends || !starts || !ranges || !deltas) return;  // recorded error; checked by caller
    std::fill(glyphs, glyphs + count + 1, 0);
    for (std::uint16_t cp : cps) glyphs[cp - lo] = HPDF_TTFontDef_GetGlyphid(def, cp);
    // Segment 0 covers lo..hi through the glyph array (index = idRangeOffset/2 + (c - lo) - 2);
    // segment 1 is the 0xFFFF terminator the format requires.
    ends[0] = hi; starts[0] = lo; deltas[0] = 0; ranges[0] = 4;
    ends[1] = 0xFFFF; starts[1] = 0xFFFF; deltas[1] = 1; ranges[1] = 0;
    for (void* old : {static_cast<void*>(cm.end_count), static_cast<void*>(cm.start_count),
                      static_cast<void*>(cm.id_delta), static_cast<void*>(cm.id_range_offset),
                      static_cast<void*>(cm.glyph_id_array)})
        if (old) HPDF_FreeMem(def->mmgr, old);
    cm.end_count = ends;
    cm.start_count = starts;
    cm.id_delta = deltas;
    cm.id_range_offset = ranges;
    cm.glyph_id_array = glyphs;
    cm.glyph_id_array_count = count;
    cm.seg_count_x2 = 4;
}

/// A read-only libharu stream over font bytes folio holds (a document's subset_truetype):
/// libharu reads the tables it parses and embeds straight from that memory instead of opening,
/// reading and copying the font file for every document.
struct EmbedReader {
    const HPDF_BYTE* data;
    HPDF_UINT size;
    HPDF_UINT pos;
};

HPDF_STATUS embed_read(HPDF_Stream stream, HPDF_BYTE* ptr, HPDF_UINT* siz) {
    auto* r = static_cast<EmbedReader*>(stream->attr);
    const HPDF_UINT n = std::min(*siz, r->size - r->pos);
    std::memcpy(ptr, r->data + r->pos, n);
    r->pos += n;
    if (n < *siz) {
        std::memset(ptr + n, 0, *siz - n);
        *siz = n;
        return HPDF_STREAM_EOF;
    }
    return HPDF_OK;
}

HPDF_STATUS embed_seek(HPDF_Stream stream, HPDF_INT pos, HPDF_WhenceMode mode) {
    auto* r = static_cast<EmbedReader*>(stream->attr);
    const long long base = mode == HPDF_SEEK_SET ? 0 : mode == HPDF_SEEK_CUR ? r->pos : r->size;
    const long long to = base + pos;
    if (to < 0 || to > static_cast<long long>(r->size)) return HPDF_SetError(stream->error, HPDF_FILE_IO_ERROR, 0);
    r->pos = static_cast<HPDF_UINT>(to);
    return HPDF_OK;
}

HPDF_INT32 embed_tell(HPDF_Stream stream) { return static_cast<HPDF_INT32>(static_cast<EmbedReader*>(stream->attr)->pos); }
HPDF_UINT32 embed_size(HPDF_Stream stream) { return static_cast<EmbedReader*>(stream->attr)->size; }
void embed_free(HPDF_Stream stream) { HPDF_FreeMem(stream->mmgr, stream->attr); }

/// Loads a font into `doc` for embedding, as HPDF_LoadTTFontFromFile does (same font
/// definition list and subset tag sequence), from `bytes`, which must outlive the save.
/// Null on a recorded error.
const char* load_embedded_font(HPDF_Doc doc, const std::string& bytes) {
    HPDF_MMgr mmgr = doc->mmgr;
    auto* reader = static_cast<EmbedReader*>(HPDF_GetMem(mmgr, sizeof(EmbedReader)));
    if (!reader) return nullptr;
    *reader = EmbedReader{reinterpret_cast<const HPDF_BYTE*>(bytes.data()), static_cast<HPDF_UINT>(bytes.size()), 0};
    auto* stream = static_cast<HPDF_Stream>(HPDF_GetMem(mmgr, sizeof(HPDF_Stream_Rec)));
    if (!stream) {
        HPDF_FreeMem(mmgr, reader);
        return nullptr;
    }
    *stream = HPDF_Stream_Rec{};
    stream->sig_bytes = HPDF_STREAM_SIG_BYTES;
    stream->type = HPDF_STREAM_MEMORY;
    stream->error = mmgr->error;
    stream->mmgr = mmgr;
    stream->read_fn = embed_read;
    stream->seek_fn = embed_seek;
    stream->tell_fn = embed_tell;
    stream->size_fn = embed_size;
    stream->free_fn = embed_free;
    stream->attr = reader;

    HPDF_FontDef def = HPDF_TTFontDef_Load(mmgr, stream, HPDF_TRUE);  // owns the stream
    if (!def) return nullptr;
    if (HPDF_FontDef existing = HPDF_Doc_FindFontDef(doc, def->base_font)) {
        HPDF_FontDef_Free(def);
        return existing->base_font;
    }
    if (HPDF_List_Add(doc->fontdef_list, def) != HPDF_OK) {
        HPDF_FontDef_Free(def);
        return nullptr;
    }
    // Subset tags run AAAAAA, AAAAAB, ... per document, as libharu's own loader numbers them.
    if (doc->ttfont_tag[0] == 0) {
        std::memcpy(doc->ttfont_tag, "HPDFAA", 6);
    } else {
        for (int i = 5; i >= 0; --i) {
            if (++doc->ttfont_tag[i] > 'Z') doc->ttfont_tag[i] = 'A';
            else break;
        }
    }
    HPDF_TTFontDef_SetTagName(def, reinterpret_cast<char*>(doc->ttfont_tag));
    return def->base_font;
}

/// libharu writes a CIDToGIDMap for every BMP code (131,070 bytes per face). Codes past the end of
/// the map are never drawn, so the map is cut after the highest code this document uses.
void shorten_cid_to_gid_map(HPDF_Font font, const std::set<std::uint16_t>& cps) {
    auto* attr = static_cast<HPDF_FontAttr>(font->attr);
    if (!attr || !attr->map_stream || cps.empty()) return;
    HPDF_FontDef def = attr->fontdef;
    const std::size_t n = static_cast<std::size_t>(*cps.rbegin()) + 1;
    std::vector<HPDF_BYTE> map(2 * n, 0);
    for (std::uint16_t cp : cps) {
        const HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(def, cp);
        map[2 * cp] = static_cast<HPDF_BYTE>(gid >> 8);
        map[2 * cp + 1] = static_cast<HPDF_BYTE>(gid & 0xFF);
    }
    HPDF_MemStream_FreeData(attr->map_stream->stream);
    HPDF_Stream_Write(attr->map_stream->stream, map.data(), static_cast<HPDF_UINT>(map.size()));
}

/// The text a run draws: its own, plus the break after it, for text read back in tree order
/// (tagged PDF reads a paragraph run after run, so word and line breaks must be in the text).
/// A break becomes a space drawn after the word, in the gap the layout left; a hyphen inserted at
/// a line break is drawn as U+00AD, the soft hyphen that text extraction removes to give the
/// word whole, when the hyphen's face draws it as a hyphen (its glyph or one of the same width:
/// some faces map U+00AD to an empty glyph).
std::string drawn_text(const FaceChain& chain, const layout::TextRun& t) {
    switch (t.end) {
        case layout::RunEnd::None: break;
        case layout::RunEnd::Space: return t.text + ' ';
        case layout::RunEnd::Hyphen: {
            const std::uint8_t f = chain.pick('-');
            if (t.text.ends_with('-') && f != FaceChain::no_face && chain.pick(0xAD) == f &&
                (chain.face(f).glyph(0xAD) == chain.face(f).glyph('-') || chain.advance(0xAD) == chain.advance('-')))
                return t.text.substr(0, t.text.size() - 1) + "\u00AD";
            break;
        }
    }
    return t.text;
}

/// Draws laid-out pages into a libharu document.
class Painter {
public:
    Painter(PdfDoc& pdf, const ChainMetrics& metrics, Tagger& tagger, base::Diagnostics& diag, bool hinting)
        : pdf_(pdf), metrics_(metrics), tagger_(tagger), diag_(diag), hinting_(hinting) {}

    /// Kerned pairs drawn so far.
    std::size_t kern_pairs() const noexcept { return kern_pairs_; }

    /// Records which code points each font will draw, so each face is loaded with a cmap of
    /// exactly those (see restrict_cmap). Must see every page before the first is drawn.
    void plan(const layout::Page& p) {
        for (const auto& item : p.items)
            if (const auto* t = std::get_if<layout::TextRun>(&item)) {
                const FaceChain& chain = metrics_.chain(t->face);
                for_each_font_segment(chain, drawn_text(chain, *t), [&](std::uint8_t fi, const std::string& seg) {
                    auto& cps = planned_[&chain.face(fi)];
                    for (std::size_t k = 0; k < seg.size();) cps.insert(static_cast<std::uint16_t>(base::utf8::decode(seg, k)));
                });
            }
    }

    void page(const layout::Page& p, double w, double h) {
        HPDF_Page page = HPDF_AddPage(pdf_.get());
        pdf_.check("add page");
        HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(w));
        HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(h));
        tagger_.begin_page(page);
        text_ = TextState{};
        for (const auto& item : p.items) {
            if (!std::holds_alternative<layout::TextRun>(item) && !std::holds_alternative<layout::LinkArea>(item)) {
                end_text(page);  // paths and images are not allowed inside a text object
                tagger_.before_graphic(std::visit([](const auto& d) { return d.tag; }, item));
            }
            std::visit(Overloaded{
                [&](const layout::TextRun& t) { text(page, t); },
                [&](const layout::Rule& r) {
                    HPDF_Page_SetLineWidth(page, static_cast<HPDF_REAL>(r.width_pt));
                    HPDF_Page_SetRGBStroke(page, rgb(r.color.r), rgb(r.color.g), rgb(r.color.b));
                    HPDF_Page_MoveTo(page, static_cast<HPDF_REAL>(r.x0_pt), static_cast<HPDF_REAL>(r.y0_pt));
                    HPDF_Page_LineTo(page, static_cast<HPDF_REAL>(r.x1_pt), static_cast<HPDF_REAL>(r.y1_pt));
                    HPDF_Page_Stroke(page);
                },
                [&](const layout::FillRect& r) {
                    HPDF_Page_SetRGBFill(page, rgb(r.color.r), rgb(r.color.g), rgb(r.color.b));
                    HPDF_Page_Rectangle(page, static_cast<HPDF_REAL>(r.x_pt), static_cast<HPDF_REAL>(r.y_pt),
                                        static_cast<HPDF_REAL>(r.w_pt), static_cast<HPDF_REAL>(r.h_pt));
                    HPDF_Page_Fill(page);
                },
                [&](const layout::ImageBox& im) { image(page, im); },
                [&](const layout::LinkArea& l) {
                    HPDF_Rect rect{static_cast<HPDF_REAL>(l.x0_pt), static_cast<HPDF_REAL>(l.y0_pt),
                                   static_cast<HPDF_REAL>(l.x1_pt), static_cast<HPDF_REAL>(l.y1_pt)};
                    // A jump inside the document needs its target page, which may come later.
                    if (l.uri.starts_with("#")) { internal_.push_back({page, rect, l.uri.substr(1), l.tag}); return; }
                    if (!linkable(l.uri)) return;
                    // An address without a valid host is no link: its text stays.
                    const auto web = base::web_uri(l.uri);
                    if (!web) return;
                    const std::string& uri = *web;
                    // A PDF string holds at most 64 KB (libharu refuses more): such a link stays
                    // text without its target.
                    if (uri.size() > HPDF_LIMIT_MAX_STRING_LEN) {
                        diag_.warn(0, 0, "a link target of " + std::to_string(uri.size()) +
                                             " bytes is longer than a PDF string can hold; its text is kept without the link");
                        return;
                    }
                    HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(page, rect, uri.c_str());
                    if (a) {
                        HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
                        tagger_.annotation(page, a, l.tag);
                    }
                },
            }, item);
            pdf_.check("draw");
        }
        end_text(page);
        tagger_.end_page();
        pdf_.check("draw");
        pages_.push_back(page);
    }

    /// Replaces libharu's ToUnicode CMaps (malformed in 2.3) with bfchar maps of the codes used,
    /// and marks the glyphs of those codes as used, which libharu's own text operators would
    /// have done while measuring (show() bypasses them): only marked glyphs are embedded.
    void fix_to_unicode() {
        for (const auto& [font, bits] : used_) {  // in the order fonts were first used
            const std::set<std::uint16_t> codes = bits.codes();
            HPDF_FontDef def = static_cast<HPDF_FontAttr>(font->attr)->fontdef;
            for (std::uint16_t c : codes) HPDF_TTFontDef_GetCharWidth(def, c);
            HPDF_Dict stream = HPDF_DictStream_New(pdf_.get()->mmgr, pdf_.get()->xref);
            pdf_.check("ToUnicode stream");
            stream->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
            const std::string cmap = to_unicode_cmap(codes);
            HPDF_Stream_Write(stream->stream, reinterpret_cast<const HPDF_BYTE*>(cmap.data()),
                              static_cast<HPDF_UINT>(cmap.size()));
            HPDF_Dict_Add(font, "ToUnicode", stream);
            pdf_.check("ToUnicode");
        }
    }

    const std::vector<HPDF_Page>& pages() const { return pages_; }

    /// Links to "#id" found while drawing, turned into GoTo annotations once every page exists.
    struct InternalLink {
        HPDF_Page page;
        HPDF_Rect rect;
        std::string id;
        layout::Tag tag;
    };
    const std::vector<InternalLink>& internal_links() const { return internal_; }
    std::size_t fonts_loaded() const { return fonts_.size(); }

private:
    static HPDF_REAL rgb(double v) { return static_cast<HPDF_REAL>(std::clamp(v, 0.0, 1.0)); }

    HPDF_Font font_for(const FontFace* face) {
        if (auto it = fonts_.find(face); it != fonts_.end()) return it->second;
        // The document's own subset: its few glyphs renumbered, so libharu parses, copies and
        // compresses tables of a few dozen glyphs instead of every glyph of the face.
        const std::set<std::uint16_t> planned = planned_[face].codes();
        std::string subset =
            subset_truetype(*face, std::vector<std::uint16_t>(planned.begin(), planned.end()), hinting_);
        if (subset.empty()) throw base::Error(base::ErrorCode::Library, "font could not be subset", face->path);
        const char* name = load_embedded_font(pdf_.get(), subsets_.emplace_back(std::move(subset)));
        pdf_.check("load font");
        restrict_cmap(pdf_.get(), name, planned);
        pdf_.check("font cmap");
        HPDF_Font f = get_font_for_codes(name, planned);
        pdf_.check("get font");
        shorten_cid_to_gid_map(f, planned);
        pdf_.check("CIDToGIDMap");
        fonts_.emplace(face, f);
        return f;
    }

    /// HPDF_GetFont in UTF-8 mode looks up the glyph and width of all 65,536 codes to build the
    /// CIDToGIDMap and /W of the font. While it runs, the encoder is switched to libharu's
    /// table-driven form listing only the codes this face draws plus the next one (its loops
    /// stop before the highest code), which yields the same /W and, after
    /// shorten_cid_to_gid_map, the same map. The encoder is restored right after.
    HPDF_Font get_font_for_codes(const char* name, const std::set<std::uint16_t>& cps) {
        HPDF_Encoder enc = HPDF_GetEncoder(pdf_.get(), "UTF-8");
        pdf_.check("UTF-8 encoder");
        if (cps.empty() || *cps.rbegin() == 0xFFFF || *cps.begin() == 0)
            return HPDF_GetFont(pdf_.get(), name, "UTF-8");
        auto* attr = static_cast<HPDF_CMapEncoderAttr>(enc->attr);
        if (!saved_maps_) saved_maps_ = std::make_unique<CodeMaps>();
        CodeMaps& saved = *saved_maps_;
        std::memcpy(saved.cid.data(), attr->cid_map, sizeof(CodeTable));
        std::memcpy(saved.unicode.data(), attr->unicode_map, sizeof(CodeTable));
        std::memset(attr->cid_map, 0, sizeof(CodeTable));
        std::memset(attr->unicode_map, 0, sizeof(CodeTable));
        auto list = [&](unsigned code) {
            attr->cid_map[code >> 8][code & 0xFF] = static_cast<HPDF_UINT16>(code);
            attr->unicode_map[code >> 8][code & 0xFF] = static_cast<HPDF_UNICODE>(code);
        };
        for (std::uint16_t cp : cps) list(cp);
        list(static_cast<unsigned>(*cps.rbegin()) + 1);
        const HPDF_Encoder_ToUnicode_Func utf8_to_unicode = enc->to_unicode_fn;
        enc->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
        HPDF_Font f = HPDF_GetFont(pdf_.get(), name, "UTF-8");
        enc->to_unicode_fn = utf8_to_unicode;
        std::memcpy(attr->cid_map, saved.cid.data(), sizeof(CodeTable));
        std::memcpy(attr->unicode_map, saved.unicode.data(), sizeof(CodeTable));
        return f;
    }

    /// The text state of the open text object, so that a page is one BT ... ET with font, size,
    /// colour, scaling and render mode set only when they change (a word costs ~30 bytes of
    /// content instead of ~90).
    struct TextState {
        bool open = false;
        HPDF_Font font = nullptr;
        double size_pt = 0;
        style::Color color{-1, -1, -1};
        double hscale = 1;
        double line_x = 0, line_y = 0;  // the text line matrix's origin (BT sets it to 0 0)
    };

    /// Shows one piece of text at (x, y): "dx dy Td <codes> Tj", written straight into the page's
    /// content stream. HPDF_Page_TextOut does the same, but first measures the text through
    /// the font, clears a 512-byte buffer byte by byte for each operator and converts the
    /// UTF-8 again: a tenth of the time of a long document went there. The codes are those of
    /// libharu's UTF-8 encoder for the fonts this writer builds (a character's code is its
    /// code point, two bytes); a piece that advances nothing is skipped, as libharu does.
    void show(HPDF_Page page, double x, double y, std::string_view piece, std::int64_t advance_units) {
        if (piece.empty() || advance_units == 0) return;
        std::string& op = op_buffer_;
        op.clear();
        append_number(op, x - text_.line_x);
        op += ' ';
        append_number(op, y - text_.line_y);
        op += " Td <";
        static constexpr char hex[] = "0123456789abcdef";
        for (std::size_t k = 0; k < piece.size();) {
            const auto c = static_cast<std::uint16_t>(base::utf8::decode(piece, k));
            op += hex[c >> 12];
            op += hex[(c >> 8) & 15];
            op += hex[(c >> 4) & 15];
            op += hex[c & 15];
        }
        op += "> Tj\n";
        HPDF_Stream_Write(static_cast<HPDF_PageAttr>(page->attr)->stream, reinterpret_cast<const HPDF_BYTE*>(op.data()),
                          static_cast<HPDF_UINT>(op.size()));
        text_.line_x = x;
        text_.line_y = y;
    }

    /// A coordinate in points with at most four decimals, trailing zeros dropped ("12.5", "-3").
    static void append_number(std::string& out, double v) {
        // Written from the integer count of ten-thousandths, which is what to_chars below prints
        // for any coordinate of a page (the double nearest n / 10^4 is far closer to it than
        // half a ten-thousandth); every word of every page places itself so.
        constexpr double exact_below = 1e9;
        if (const double scaled = std::round(v * 1e4); std::abs(scaled) < exact_below * 1e4) {
            auto n = static_cast<std::int64_t>(scaled);
            if (n == 0) {
                out += '0';
                return;
            }
            if (n < 0) {
                out += '-';
                n = -n;
            }
            char whole[24];
            out.append(whole, std::to_chars(whole, whole + sizeof whole, n / 10000).ptr);
            if (std::int64_t frac = n % 10000; frac != 0) {
                char digits[5] = {'.', '0', '0', '0', '0'};
                for (int k = 4; k > 0; --k, frac /= 10) digits[k] = static_cast<char>('0' + frac % 10);
                std::size_t len = 5;
                while (digits[len - 1] == '0') --len;
                out.append(digits, len);
            }
            return;
        }
        const double r = std::round(v * 1e4) / 1e4;
        char buf[32];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, r == 0 ? 0.0 : r, std::chars_format::fixed, 4);
        if (ec != std::errc{}) end = buf + std::snprintf(buf, sizeof buf, "0");
        while (end > buf && end[-1] == '0') --end;
        if (end > buf && end[-1] == '.') --end;
        out.append(buf, end);
    }

    void end_text(HPDF_Page page) {
        if (!text_.open) return;
        tagger_.before_end_text();
        if (text_.hscale != 1) HPDF_Page_SetHorizontalScalling(page, 100);
        HPDF_Page_EndText(page);
        text_ = TextState{};
    }

    void text(HPDF_Page page, const layout::TextRun& t) {
        const FaceChain& chain = metrics_.chain(t.face);
        double x = t.x_pt;
        tagger_.before_text(text_.open);
        if (!text_.open) {
            HPDF_Page_BeginText(page);
            text_.open = true;
        }
        tagger_.in_text(t.tag);
        if (t.hscale != text_.hscale) {
            HPDF_Page_SetHorizontalScalling(page, static_cast<HPDF_REAL>(t.hscale * 100));
            text_.hscale = t.hscale;
        }
        if (!(t.color == text_.color)) {
            HPDF_Page_SetRGBFill(page, rgb(t.color.r), rgb(t.color.g), rgb(t.color.b));
            text_.color = t.color;
        }
        for_each_font_segment(chain, drawn_text(chain, t), [&](std::uint8_t fi, const std::string& seg) {
            const FontFace* face = &chain.face(fi);
            HPDF_Font f = font_for(face);
            auto [slot, fresh] = used_index_.emplace(f, used_.size());
            if (fresh) used_.emplace_back(f, CodeBits{});
            CodeBits& codes = used_[slot->second].second;
            if (f != text_.font || t.size_pt != text_.size_pt) {
                HPDF_Page_SetFontAndSize(page, f, static_cast<HPDF_REAL>(t.size_pt));
                text_.font = f;
                text_.size_pt = t.size_pt;
            }
            // The segment is shown in pieces split at kerned pairs, each placed where the
            // advances and kerning the layout measured put it.
            const double unit = t.size_pt / 1000.0 * t.hscale;
            std::int64_t units = 0;
            std::size_t piece = 0;
            char32_t prev = 0;
            for (std::size_t k = 0; k < seg.size();) {
                const std::size_t at = k;
                const char32_t c = base::utf8::decode(seg, k);
                codes.insert(static_cast<std::uint16_t>(c));
                if (const int adj = chain.kern(prev, c); adj != 0) {
                    show(page, x, t.y_pt, std::string_view(seg).substr(piece, at - piece), units);
                    x += static_cast<double>(units + adj) * unit;
                    units = 0;
                    piece = at;
                    ++kern_pairs_;
                }
                units += chain.advance(c);  // the segment's font's advance, settled once per character
                prev = c;
            }
            show(page, x, t.y_pt, std::string_view(seg).substr(piece), units);
            x += static_cast<double>(units) * unit;
        });
    }

    void image(HPDF_Page page, const layout::ImageBox& im) {
        HPDF_Image img = nullptr;
        if (auto it = images_.find(im.path); it != images_.end()) img = it->second;
        else {
            img = im.png ? HPDF_LoadPngImageFromFile(pdf_.get(), im.path.c_str())
                         : HPDF_LoadJpegImageFromFile(pdf_.get(), im.path.c_str());
            if (pdf_.failed_and_reset() || !img) {
                img = nullptr;
                diag_.warn(0, 0, "image '" + im.path + "' could not be embedded (unsupported PNG/JPEG variant)");
            }
            images_.emplace(im.path, img);
        }
        if (!img) return;
        tagger_.figure_box(im.tag, im.x_pt, im.y_pt, im.x_pt + im.w_pt, im.y_pt + im.h_pt);
        HPDF_Page_DrawImage(page, img, static_cast<HPDF_REAL>(im.x_pt), static_cast<HPDF_REAL>(im.y_pt),
                            static_cast<HPDF_REAL>(im.w_pt), static_cast<HPDF_REAL>(im.h_pt));
    }

    PdfDoc& pdf_;
    const ChainMetrics& metrics_;
    Tagger& tagger_;
    base::Diagnostics& diag_;
    bool hinting_;  // embedded subsets keep the fonts' TrueType instructions
    std::size_t kern_pairs_ = 0;
    std::string op_buffer_;
    using CodeTable = std::array<std::array<HPDF_UINT16, 256>, 256>;
    static_assert(sizeof(CodeTable) == sizeof(HPDF_CMapEncoderAttr_Rec::cid_map) &&
                  sizeof(CodeTable) == sizeof(HPDF_CMapEncoderAttr_Rec::unicode_map));
    struct CodeMaps {
        CodeTable cid, unicode;
    };
    std::unique_ptr<CodeMaps> saved_maps_;  // the UTF-8 encoder's tables while a font is built
    std::map<const FontFace*, HPDF_Font> fonts_;
    std::deque<std::string> subsets_;  // font bytes libharu reads until the document is saved
    // The 16-bit codes drawn with a font, one bit each: set for every character drawn, so a
    // bit set rather than a tree.
    struct CodeBits {
        std::vector<std::uint64_t> words = std::vector<std::uint64_t>(65536 / 64, 0);
        void insert(std::uint16_t c) { words[c >> 6] |= std::uint64_t{1} << (c & 63); }
        std::set<std::uint16_t> codes() const {
            std::set<std::uint16_t> out;
            for (std::size_t w = 0; w < words.size(); ++w)
                for (std::uint64_t b = words[w]; b != 0; b &= b - 1)
                    out.insert(static_cast<std::uint16_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(b))));
            return out;
        }
    };
    /// Codes each face will draw, gathered by plan() over every page before the first is drawn.
    std::map<const FontFace*, CodeBits> planned_;
    /// Codes drawn with each font, in first-use order (pointer order would vary between runs).
    std::vector<std::pair<HPDF_Font, CodeBits>> used_;
    std::map<HPDF_Font, std::size_t> used_index_;
    std::map<std::string, HPDF_Image> images_;
    std::vector<HPDF_Page> pages_;
    std::vector<InternalLink> internal_;
    TextState text_;
};

/// GoTo link annotations for "#id" links, each to the top of its heading or anchor (layout
/// keeps a link only when its id exists; an id without a placed target is skipped).
void add_internal_links(PdfDoc& pdf, const layout::LaidOut& lo, const Painter& painter, Tagger& tagger) {
    std::map<std::string, const layout::LinkTarget*, std::less<>> where;
    for (const auto& t : lo.targets) where.emplace(t.id, &t);
    for (const auto& l : painter.internal_links()) {
        const auto it = where.find(l.id);
        if (it == where.end()) continue;
        HPDF_Destination d = HPDF_Page_CreateDestination(painter.pages().at(it->second->page));
        HPDF_Destination_SetFitH(d, static_cast<HPDF_REAL>(it->second->y_pt));
        HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(l.page, l.rect, d);
        if (a) {
            HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
            tagger.annotation(l.page, a, l.tag);
        }
        pdf.check("internal link");
    }
}

void add_outline(PdfDoc& pdf, const layout::LaidOut& lo, const std::vector<HPDF_Page>& pages) {
    if (lo.outline.empty()) return;
    HPDF_Encoder utf8 = HPDF_GetEncoder(pdf.get(), "UTF-8");
    pdf.check("UTF-8 encoder");
    std::vector<std::pair<int, HPDF_Outline>> stack;  // level → open outline item
    for (const auto& e : lo.outline) {
        while (!stack.empty() && stack.back().first >= e.level) stack.pop_back();
        HPDF_Outline parent = stack.empty() ? nullptr : stack.back().second;
        const std::string title = clean_text(e.title);
        HPDF_Outline o = HPDF_CreateOutline(pdf.get(), parent, title.c_str(), utf8);
        pdf.check("outline");
        HPDF_Destination d = HPDF_Page_CreateDestination(pages.at(e.page));
        HPDF_Destination_SetFitH(d, static_cast<HPDF_REAL>(e.y_pt));
        HPDF_Outline_SetDestination(o, d);
        HPDF_Outline_SetOpened(o, HPDF_TRUE);
        pdf.check("outline destination");
        stack.emplace_back(e.level, o);
    }
    HPDF_SetPageMode(pdf.get(), HPDF_PAGE_MODE_USE_OUTLINE);
}

/// The title viewers show (DisplayDocTitle) and the metadata give: the document's, else its first
/// heading's text, else the input's file name — PDF/UA wants a title in every file.
std::string document_title(const model::Document& doc) {
    if (!doc.meta.title.empty()) return doc.meta.title;
    for (const auto& b : doc.blocks)
        if (const auto* h = std::get_if<model::Heading>(&b.node)) {
            std::string t = model::plain_text(h->content);
            if (!t.empty()) return t;
        }
    const std::string stem = std::filesystem::path(doc.source_name).stem().string();
    return stem.empty() || stem == "-" ? "Untitled" : stem;
}

/// The longest Info value kept whole, in bytes.
constexpr std::size_t max_info_bytes = 2000;

void add_info(PdfDoc& pdf, const model::Document& doc, const PdfOptions& opts) {
    HPDF_SetCurrentEncoder(pdf.get(), "UTF-8");
    pdf.check("UTF-8 encoder");
    auto set = [&](HPDF_InfoType t, const std::string& v) {
        if (v.empty()) return;
        std::string c = clean_text(v);
        // Viewers show these in one line of a dialog, and a PDF string holds at most 64 KB: a
        // title that is a whole page of text (an article whose first line was not one) is cut.
        if (c.size() > max_info_bytes) c = std::string(base::utf8::prefix_within(c, max_info_bytes)) + "…";
        HPDF_SetInfoAttr(pdf.get(), t, c.c_str());
        pdf.check("Info");
    };
    const auto& m = doc.meta;
    std::string authors, keywords;
    for (const auto& a : m.authors) authors += (authors.empty() ? "" : ", ") + a;
    for (const auto& k : m.keywords) keywords += (keywords.empty() ? "" : ", ") + k;
    set(HPDF_INFO_TITLE, document_title(doc));
    set(HPDF_INFO_AUTHOR, authors);
    set(HPDF_INFO_SUBJECT, m.description);
    set(HPDF_INFO_KEYWORDS, keywords);
    set(HPDF_INFO_CREATOR, creator_name);
    set(HPDF_INFO_PRODUCER, producer_name);
    const base::CivilTime t = base::civil_utc(opts.epoch_s);
    HPDF_Date d{t.year, t.month, t.day, t.hour, t.minute, t.second, 'Z', 0, 0};
    HPDF_SetInfoDateAttr(pdf.get(), HPDF_INFO_CREATION_DATE, d);
    HPDF_SetInfoDateAttr(pdf.get(), HPDF_INFO_MOD_DATE, d);
    pdf.check("Info dates");
    // The XMP metadata repeats the Info values (PDF/UA requires it, with dc:title).
    XmpFields x;
    x.title = document_title(doc);
    x.creators = m.authors;
    x.lang = m.lang;
    x.description = m.description;
    x.keywords = keywords;
    x.creator_tool = creator_name;
    x.producer = producer_name;
    x.epoch_s = opts.epoch_s;
    add_xmp_metadata(pdf.get(), x);
    pdf.check("XMP metadata");
}

/// /Lang, DisplayDocTitle and a content-derived /ID: libharu has no API for these, so they go
/// straight into its catalog and trailer dictionaries.
void add_catalog_entries(PdfDoc& pdf, const model::Document& doc, const std::array<std::uint8_t, 32>& hash) {
    HPDF_Doc d = pdf.get();
    if (!doc.meta.lang.empty()) {
        std::string lang;
        for (char ch : doc.meta.lang)
            if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-') lang += ch;
        if (!lang.empty()) HPDF_Dict_Add(d->catalog, "Lang", HPDF_String_New(d->mmgr, lang.c_str(), nullptr));
    }
    HPDF_Dict prefs = HPDF_Dict_New(d->mmgr);
    HPDF_Dict_Add(prefs, "DisplayDocTitle", HPDF_Boolean_New(d->mmgr, HPDF_TRUE));
    HPDF_Dict_Add(d->catalog, "ViewerPreferences", prefs);
    HPDF_Array id = HPDF_Array_New(d->mmgr);
    HPDF_Array_Add(id, HPDF_Binary_New(d->mmgr, const_cast<HPDF_BYTE*>(hash.data()), 16));
    HPDF_Array_Add(id, HPDF_Binary_New(d->mmgr, const_cast<HPDF_BYTE*>(hash.data()), 16));
    HPDF_Dict_Add(d->trailer, "ID", id);
    pdf.check("catalog");
}

/// Calls `f` for every object of the document's cross-reference tables, in object order (the
/// free entry 0 has no object and is skipped).
template <class F>
void for_each_object(PdfDoc& pdf, F&& f) {
    for (HPDF_Xref x = pdf.get()->xref; x != nullptr; x = x->prev)
        for (HPDF_UINT i = 0; i < x->entries->count; ++i) {
            auto* entry = static_cast<HPDF_XrefEntry>(HPDF_List_ItemAt(x->entries, i));
            if (entry->obj != nullptr) f(static_cast<HPDF_Obj_Header*>(entry->obj));
        }
}

/// Calls the font dictionaries' save hooks now rather than during the save: libharu builds the
/// embedded font file (FontFile2) and its descriptor in that hook, and only then does the font's
/// stream exist to be compressed. The hook appends its objects to the cross-reference table as it
/// would during the save (no other hook adds objects), so every object keeps its number.
void build_font_files(PdfDoc& pdf) {
    for_each_object(pdf, [&](HPDF_Obj_Header* header) {
        if (header->obj_class != (HPDF_OCLASS_DICT | HPDF_OSUBCLASS_FONT)) return;
        auto dict = reinterpret_cast<HPDF_Dict>(header);
        if (dict->before_write_fn == nullptr) return;
        if (dict->before_write_fn(dict) != HPDF_OK) {
            pdf.check("font file");
            throw base::Error(base::ErrorCode::Library, "libharu could not build a font file");
        }
        dict->before_write_fn = nullptr;  // run once: the save would otherwise set the filters back
    });
}

/// libdeflate's fastest level for the PDF's streams: against level 6, a batch of 300 articles
/// took 9% less CPU for PDFs 6% larger (the page contents and the font subsets compress almost as
/// well either way), and a handout stays smaller than before its fonts lost their hinting.
constexpr int pdf_deflate_level = 1;

/// Compresses every stream libharu would deflate when it saves (page contents, font files,
/// ToUnicode and CIDToGIDMap maps, images) with libdeflate at pdf_deflate_level, far faster than
/// zlib and without setting up a zlib state for each stream, and tells libharu to write
/// the bytes as they are, under /Filter /FlateDecode. Runs once the document is complete. The
/// streams are taken out of libharu first and put back in the same order, so `threads` > 1 may
/// compress them side by side (libharu itself is only called from this thread).
void compress_streams(PdfDoc& pdf, unsigned threads) {
    build_font_files(pdf);
    struct Pending {
        HPDF_Dict dict;
        std::string bytes;  // raw, then compressed
    };
    std::vector<Pending> todo;
    for_each_object(pdf, [&](HPDF_Obj_Header* header) {
        if ((header->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT) return;
        auto dict = reinterpret_cast<HPDF_Dict>(header);
        HPDF_Stream stream = dict->stream;
        // Streams with hooks or decode parameters are left to libharu.
        if (stream == nullptr || stream->type != HPDF_STREAM_MEMORY || dict->filter != HPDF_STREAM_FILTER_FLATE_DECODE ||
            dict->write_fn != nullptr || dict->before_write_fn != nullptr || dict->filterParams != nullptr)
            return;
        std::string raw;
        for (HPDF_UINT b = 0, n = HPDF_MemStream_GetBufCount(stream); b < n; ++b) {
            HPDF_UINT len = 0;
            const HPDF_BYTE* buf = HPDF_MemStream_GetBufPtr(stream, b, &len);
            if (buf != nullptr) raw.append(reinterpret_cast<const char*>(buf), len);
        }
        HPDF_MemStream_FreeData(stream);
        todo.push_back({dict, std::move(raw)});
    });

    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i; (i = next++) < todo.size();) todo[i].bytes = base::zlib_compress(todo[i].bytes, pdf_deflate_level);
    };
    if (threads > 1 && todo.size() > 1) {
        base::run_beside(work, [&] {
            try {
                work();
            } catch (...) {
                next = todo.size();  // the helper stops after its current stream
                throw;
            }
        });
    } else {
        work();
    }

    for (const auto& [dict, packed] : todo) {
        HPDF_Stream_Write(dict->stream, reinterpret_cast<const HPDF_BYTE*>(packed.data()), static_cast<HPDF_UINT>(packed.size()));
        pdf.check("compress stream");
        // With no filter of its own libharu copies the bytes and drops any /Filter entry;
        // the entry is written by the dictionary's write hook instead.
        dict->filter = HPDF_STREAM_FILTER_NONE;
        dict->write_fn = [](HPDF_Dict, HPDF_Stream out) { return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012"); };
    }
}

layout::LaidOut lay_out(const model::Document& doc, const style::Style& style, const PdfOptions& opts,
                        Resources& res, base::Diagnostics& diag, const ChainMetrics& metrics, bool trace) {
    layout::LayoutOptions lopts;
    lopts.trace = trace;
    lopts.paper = opts.paper;
    lopts.strict = opts.strict;
    return layout::layout_document(doc, style.page, lopts, metrics, &res.hyphenator, diag);
}

}  // namespace

std::string render_pdf(const model::Document& doc, const style::Style& style, const PdfOptions& opts,
                       Resources& res, base::Diagnostics& diag) {
    const ChainMetrics metrics(res.fonts, layout::text_families(style.page), layout::mono_families(style.page),
                               layout::display_families(style.page));
    // The /ID hashes the document model with everything that shapes the output.
    const auto id_hash = base::sha256(model::to_json(doc, false) + '\n' + style.css + '\n' + opts.paper + '\n' +
                                      std::to_string(opts.epoch_s) + '\n' + std::to_string(opts.strict) +
                                      (opts.hinting ? "\nhinting" : ""));
    layout::LaidOut lo = lay_out(doc, style, opts, res, diag, metrics, false);
    if (opts.last_layout) res.hyphenator.release_resident();
    if (doc.meta.lang.empty())
        diag.note(0, 0, "the document's language is unknown: the PDF has no /Lang, which PDF/UA requires (--lang sets it)");

    PdfDoc pdf;
    HPDF_SetCompressionMode(pdf.get(), HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf.get());
    pdf.check("set up");
    Tagger tagger(pdf.get(), lo.structure);
    Painter painter(pdf, metrics, tagger, diag, opts.hinting);
    for (const auto& p : lo.pages) painter.plan(p);
    for (auto& p : lo.pages) {
        painter.page(p, lo.width_pt, lo.height_pt);
        std::vector<layout::DrawItem>().swap(p.items);  // drawn: libharu holds the page now
    }
    painter.fix_to_unicode();
    diag.note(0, 0, std::to_string(painter.kern_pairs()) + " kerning pairs applied");
    add_internal_links(pdf, lo, painter, tagger);
    tagger.finish();
    pdf.check("structure tree");
    add_outline(pdf, lo, painter.pages());
    HPDF_AddPageLabel(pdf.get(), 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, "");
    pdf.check("page labels");
    add_info(pdf, doc, opts);
    add_catalog_entries(pdf, doc, id_hash);
    // Tagged PDF needs PDF 1.4 at least; PDF/UA-1 is defined on PDF 1.7 (ISO 32000-1).
    pdf.get()->pdf_version = HPDF_VER_17;
    compress_streams(pdf, opts.threads);

    HPDF_SaveToStream(pdf.get());
    pdf.check("save");
    std::string bytes(HPDF_GetStreamSize(pdf.get()), '\0');
    HPDF_UINT32 len = static_cast<HPDF_UINT32>(bytes.size());
    HPDF_ReadFromStream(pdf.get(), reinterpret_cast<HPDF_BYTE*>(bytes.data()), &len);
    // libharu reports the end of its stream as an error; only a short read is a failure.
    pdf.failed_and_reset();
    if (len != bytes.size()) throw base::Error(base::ErrorCode::Library, "libharu returned a short PDF stream");
    return bytes;
}

void write_pdf(const model::Document& doc, const style::Style& style, const PdfOptions& opts, Resources& res,
               const std::filesystem::path& out, base::Diagnostics& diag) {
    const std::string bytes = render_pdf(doc, style, opts, res, diag);
    base::write_file_atomic(out, bytes);
}

std::string layout_trace(const model::Document& doc, const style::Style& style, const PdfOptions& opts,
                         Resources& res, base::Diagnostics& diag) {
    const ChainMetrics metrics(res.fonts, layout::text_families(style.page), layout::mono_families(style.page),
                               layout::display_families(style.page));
    return lay_out(doc, style, opts, res, diag, metrics, true).trace;
}

}  // namespace folio::pdf
