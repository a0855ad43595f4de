// Tagged PDF through libharu's object layer: BDC/EMC in the page streams, StructElem objects, the
// ParentTree number tree, /MarkInfo, /StructParents, /Tabs and the XMP metadata stream.
#include "pdf/tagging.hpp"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "base/environment.hpp"
#include "base/utf8.hpp"

namespace folio::pdf {

using layout::Role;
using layout::Tag;

std::string clean_text(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const char32_t c = base::utf8::decode(s, i);
        if (c < 0x20 || c == 0x7F || c > 0xFFFF) { out += ' '; continue; }
        base::utf8::append(out, c);
    }
    return out;
}

namespace {

/// Structure type names, in the order of layout::Role (Content has no element).
constexpr const char* role_names[] = {
    "Document", "", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl", "LBody", "Table", "THead",
    "TBody", "TR", "TH", "TD", "Caption", "Figure", "Div", "BlockQuote", "Code", "Link", "Note", "Reference", "Span",
};
static_assert(std::size(role_names) == static_cast<std::size_t>(Role::Span) + 1);

const char* role_name(Role r) { return role_names[static_cast<std::size_t>(r)]; }

/// A text string: ASCII as it is (a quarter of the bytes), anything else in UTF-16 with a byte
/// order mark, as libharu writes strings given its UTF-8 encoder.
HPDF_String text_string(HPDF_Doc doc, const std::string& s) {
    const std::string c = clean_text(s);
    const bool ascii = std::all_of(c.begin(), c.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x80; });
    return HPDF_String_New(doc->mmgr, c.c_str(), ascii ? nullptr : HPDF_GetEncoder(doc, "UTF-8"));
}

HPDF_Dict indirect_dict(HPDF_Doc doc) {
    HPDF_Dict d = HPDF_Dict_New(doc->mmgr);
    if (d) HPDF_Xref_Add(doc->xref, d);
    return d;
}

/// The most entries an array of the structure tree holds. Readers of the PDF 1.4 era take
/// arrays of at most 8191 (libharu refuses more than 32767): an element with more children (a
/// book of 40,000 paragraphs) holds them in Div groups of this many, and the parent tree of a
/// document with more marked pages and links than this splits into leaves under /Kids.
constexpr std::size_t max_array_entries = 8191;

}  // namespace

Tagger::Tagger(HPDF_Doc doc, const std::vector<layout::StructNode>& tree)
    : doc_(doc), tree_(tree), marks_(tree.size()), objrs_(tree.size()) {}

void Tagger::write(const char* s) {
    HPDF_Stream_WriteStr(static_cast<HPDF_PageAttr>(page_->attr)->stream, s);
}

void Tagger::begin_page(HPDF_Page page) {
    page_ = page;
    open_ = false;
    pages_.push_back(page);
    page_mcids_.emplace_back();
    page_keys_.push_back(next_key_);
    HPDF_Dict_AddNumber(page, "StructParents", next_key_++);
    HPDF_Dict_AddName(page, "Tabs", "S");
}

void Tagger::open(Tag tag, bool inside_text) {
    if (tag == layout::artifact_tag) {
        write("/Artifact BMC\n");
    } else if (tag == layout::pagination_tag) {
        write("/Artifact <</Type /Pagination>> BDC\n");
    } else {
        auto& mcids = page_mcids_.back();
        const auto mcid = static_cast<std::uint32_t>(mcids.size());
        mcids.push_back(tag);
        marks_[tag].push_back({static_cast<std::uint32_t>(pages_.size() - 1), mcid});
        const layout::StructNode& n = tree_[tag];
        const Role r = n.role == Role::Content ? tree_[n.parent].role : n.role;
        char buf[64];
        std::snprintf(buf, sizeof buf, "/%s <</MCID %u>> BDC\n", role_name(r), static_cast<unsigned>(mcid));
        write(buf);
    }
    open_ = true;
    open_in_text_ = inside_text;
    open_tag_ = tag;
}

void Tagger::close() {
    if (!open_) return;
    write("EMC\n");
    open_ = false;
}

void Tagger::before_text(bool text_open) {
    // A sequence opened outside a text object ends before the BT: were it to wrap the text
    // object, a run of another element inside would have to close it across the BT.
    if (!text_open && open_) close();
}

void Tagger::in_text(Tag tag) {
    if (open_ && open_tag_ == tag) return;
    close();
    open(tag, true);
}

void Tagger::before_end_text() {
    if (open_ && open_in_text_) close();
}

void Tagger::before_graphic(Tag tag) {
    if (open_ && open_tag_ == tag) return;
    close();
    open(tag, false);
}

void Tagger::end_page() { close(); }

void Tagger::figure_box(Tag tag, double x0_pt, double y0_pt, double x1_pt, double y1_pt) {
    if (tag == layout::artifact_tag || tag == layout::pagination_tag || tag >= tree_.size()) return;
    boxes_.push_back({tag, {x0_pt, y0_pt, x1_pt, y1_pt}});
}

void Tagger::annotation(HPDF_Page page, HPDF_Annotation annot, Tag tag) {
    if (tag == layout::artifact_tag || tag == layout::pagination_tag || tag >= tree_.size()) return;
    std::uint32_t index = static_cast<std::uint32_t>(pages_.size());
    for (std::size_t i = pages_.size(); i-- > 0;)
        if (pages_[i] == page) { index = static_cast<std::uint32_t>(i); break; }
    if (index == pages_.size()) return;
    annotation_keys_.emplace_back(next_key_, tag);
    HPDF_Dict_AddNumber(annot, "StructParent", next_key_++);
    if (!tree_[tag].alt.empty()) HPDF_Dict_Add(annot, "Contents", text_string(doc_, tree_[tag].alt));
    objrs_[tag].push_back({index, annot});
}

// Every object made here is checked: on a failed allocation libharu has recorded the error, the
// tree is left unfinished and the caller's check throws.
void Tagger::finish() {
    HPDF_MMgr mmgr = doc_->mmgr;
    const std::size_t n = tree_.size();
    // Children come after their parent: one backward pass settles which elements are kept.
    std::vector<char> keep(n, 0);
    for (std::size_t i = n; i-- > 0;) {
        const layout::StructNode& node = tree_[i];
        bool k = i == 0 || !marks_[i].empty() || !objrs_[i].empty() || node.role == Role::TH ||
                 node.role == Role::TD || (node.role == Role::Figure && !node.alt.empty());
        for (Tag c : node.children) k = k || keep[c];
        keep[i] = k;
    }
    HPDF_Dict root = indirect_dict(doc_);
    if (!root) return;
    std::vector<HPDF_Dict> elem(n, nullptr);
    // Marked content put in a group element (see below), by page and MCID: the group.
    std::map<std::pair<std::uint32_t, std::uint32_t>, HPDF_Dict> mark_owner;
    for (std::size_t i = 0; i < n; ++i) {
        const layout::StructNode& node = tree_[i];
        if (!keep[i] || node.role == Role::Content) continue;
        HPDF_Dict e = indirect_dict(doc_);
        if (!e) return;
        elem[i] = e;
        // No /Type /StructElem: it is optional, and 18 bytes an element is a tenth of the tree.
        HPDF_Dict_AddName(e, "S", role_name(node.role));
        HPDF_Dict_Add(e, "P", i == 0 ? root : elem[node.parent]);
        if (node.role == Role::Figure && !node.alt.empty()) HPDF_Dict_Add(e, "Alt", text_string(doc_, node.alt));
        // PDF/UA 11-006: a part in another language says so, for speech and hyphenation alike.
        if (!node.lang.empty()) HPDF_Dict_Add(e, "Lang", text_string(doc_, node.lang));
        if (node.role == Role::Note && !node.id.empty())
            HPDF_Dict_Add(e, "ID", HPDF_String_New(mmgr, node.id.c_str(), nullptr));
        if (node.role == Role::Figure) {
            // A picture is drawn once (on one page), so its one box is the Figure's.
            const auto b = std::find_if(boxes_.begin(), boxes_.end(), [&](const auto& x) { return x.first == i; });
            if (b != boxes_.end()) {
                HPDF_Dict a = HPDF_Dict_New(mmgr);
                HPDF_Array box = HPDF_Array_New(mmgr);
                if (!a || !box) return;
                for (double v : b->second) HPDF_Array_AddReal(box, static_cast<HPDF_REAL>(v));
                HPDF_Dict_AddName(a, "O", "Layout");
                HPDF_Dict_Add(a, "BBox", box);
                HPDF_Dict_Add(e, "A", a);
            }
        }
        if (node.role == Role::TH) {
            HPDF_Dict a = HPDF_Dict_New(mmgr);
            if (!a) return;
            HPDF_Dict_AddName(a, "O", "Table");
            HPDF_Dict_AddName(a, "Scope", node.column_header ? "Column" : "Row");
            HPDF_Dict_Add(e, "A", a);
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        HPDF_Dict e = elem[i];
        if (!e) continue;
        const layout::StructNode& node = tree_[i];
        // The element's page: where its first marked content is; other pages' content is
        // referenced through marked-content reference dictionaries.
        std::uint32_t pg = UINT32_MAX;
        auto first_page = [&](const std::vector<Mark>& ms) {
            if (pg == UINT32_MAX && !ms.empty()) pg = ms.front().page;
        };
        first_page(marks_[i]);
        for (Tag c : node.children)
            if (tree_[c].role == Role::Content) first_page(marks_[c]);
        if (pg != UINT32_MAX) HPDF_Dict_Add(e, "Pg", pages_[pg]);
        // K in reading order: the element's own marked content, its children, its annotations.
        struct Item {
            enum class Kind : std::uint8_t { Mark, Element, Annotation } kind;
            Mark mark{};
            HPDF_Dict element = nullptr;
            const ObjRef* annotation = nullptr;
        };
        std::vector<Item> items;
        for (const Mark& m : marks_[i]) items.push_back({Item::Kind::Mark, m});
        for (Tag c : node.children) {
            if (!keep[c]) continue;
            if (tree_[c].role == Role::Content) {
                for (const Mark& m : marks_[c]) items.push_back({Item::Kind::Mark, m});
            } else {
                items.push_back({Item::Kind::Element, {}, elem[c]});
            }
        }
        for (const ObjRef& o : objrs_[i]) items.push_back({Item::Kind::Annotation, {}, nullptr, &o});
        // A bare MCID is on the element's page (/Pg); one on another page needs a reference.
        auto add = [&](HPDF_Array k, const Item& it) {
            switch (it.kind) {
                case Item::Kind::Mark: {
                    if (it.mark.page == pg) return HPDF_Array_AddNumber(k, static_cast<HPDF_INT32>(it.mark.mcid));
                    HPDF_Dict mcr = HPDF_Dict_New(mmgr);
                    if (!mcr) return HPDF_Error_GetCode(doc_->mmgr->error);
                    HPDF_Dict_AddName(mcr, "Type", "MCR");
                    HPDF_Dict_Add(mcr, "Pg", pages_[it.mark.page]);
                    HPDF_Dict_AddNumber(mcr, "MCID", static_cast<HPDF_INT32>(it.mark.mcid));
                    return HPDF_Array_Add(k, mcr);
                }
                case Item::Kind::Element: return HPDF_Array_Add(k, it.element);
                case Item::Kind::Annotation: {
                    HPDF_Dict r = HPDF_Dict_New(mmgr);
                    if (!r) return HPDF_Error_GetCode(doc_->mmgr->error);
                    HPDF_Dict_AddName(r, "Type", "OBJR");
                    HPDF_Dict_Add(r, "Obj", it.annotation->annot);
                    HPDF_Dict_Add(r, "Pg", pages_[it.annotation->page]);
                    return HPDF_Array_Add(k, r);
                }
            }
            return HPDF_STATUS{HPDF_OK};
        };
        HPDF_Array k = HPDF_Array_New(mmgr);
        if (!k) return;
        const bool annotations = std::any_of(items.begin(), items.end(), [](const Item& it) { return it.kind == Item::Kind::Annotation; });
        if (items.size() <= max_array_entries || annotations) {
            for (const Item& it : items)
                if (add(k, it) != HPDF_OK) return;
            HPDF_Dict_Add(e, "K", k);
            continue;
        }
        // More than an array should hold: the items go in groups, Div when they are elements
        // only (a book of 40,000 paragraphs), else Span (a paragraph of 20,000 note references,
        // a listing of 20,000 lines); the parent tree then names the group for its marks.
        const bool only_elements = std::all_of(items.begin(), items.end(), [](const Item& it) { return it.kind == Item::Kind::Element; });
        for (std::size_t at = 0; at < items.size(); at += max_array_entries) {
            HPDF_Dict group = indirect_dict(doc_);
            HPDF_Array gk = HPDF_Array_New(mmgr);
            if (!group || !gk) return;
            HPDF_Dict_AddName(group, "S", only_elements ? "Div" : "Span");
            HPDF_Dict_Add(group, "P", e);
            if (pg != UINT32_MAX) HPDF_Dict_Add(group, "Pg", pages_[pg]);
            for (std::size_t j = at; j < std::min(items.size(), at + max_array_entries); ++j) {
                const Item& it = items[j];
                if (add(gk, it) != HPDF_OK) return;
                if (it.kind == Item::Kind::Element) HPDF_Dict_Add(it.element, "P", group);
                else mark_owner[{it.mark.page, it.mark.mcid}] = group;
            }
            HPDF_Dict_Add(group, "K", gk);
            HPDF_Array_Add(k, group);
        }
        HPDF_Dict_Add(e, "K", k);
    }
    // The parent tree: for each page, the element of each MCID; for each annotation, its Link.
    auto element_of = [&](Tag t) { return tree_[t].role == Role::Content ? elem[tree_[t].parent] : elem[t]; };
    std::vector<std::pair<int, void*>> entries;  // key, and its element or its page's array
    std::size_t a = 0;
    for (std::size_t p = 0; p <= pages_.size(); ++p) {
        // Keys grow in creation order; an annotation's key lies between its page's and the next.
        const int limit = p < pages_.size() ? page_keys_[p] : next_key_;
        for (; a < annotation_keys_.size() && annotation_keys_[a].first < limit; ++a)
            entries.emplace_back(annotation_keys_[a].first, elem[annotation_keys_[a].second]);
        if (p == pages_.size()) break;
        HPDF_Array mcids = HPDF_Array_New(mmgr);
        if (!mcids) return;
        for (std::size_t m = 0; m < page_mcids_[p].size(); ++m) {
            const auto owner = mark_owner.find({static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(m)});
            HPDF_Array_Add(mcids, owner != mark_owner.end() ? owner->second : element_of(page_mcids_[p][m]));
        }
        entries.emplace_back(page_keys_[p], mcids);
    }
    auto nums_of = [&](std::size_t from, std::size_t to) {
        HPDF_Array nums = HPDF_Array_New(mmgr);
        if (!nums) return nums;
        for (std::size_t j = from; j < to; ++j) {
            HPDF_Array_AddNumber(nums, entries[j].first);
            HPDF_Array_Add(nums, entries[j].second);
        }
        return nums;
    };
    HPDF_Dict parent_tree = indirect_dict(doc_);
    HPDF_Dict mark_info = HPDF_Dict_New(mmgr);
    if (!parent_tree || !mark_info) return;
    constexpr std::size_t per_leaf = max_array_entries / 2;  // a key and its value each
    if (entries.size() <= per_leaf) {
        HPDF_Array nums = nums_of(0, entries.size());
        if (!nums) return;
        HPDF_Dict_Add(parent_tree, "Nums", nums);
    } else {
        HPDF_Array kids = HPDF_Array_New(mmgr);
        if (!kids) return;
        for (std::size_t at = 0; at < entries.size(); at += per_leaf) {
            const std::size_t to = std::min(entries.size(), at + per_leaf);
            HPDF_Dict leaf = indirect_dict(doc_);
            HPDF_Array nums = nums_of(at, to);
            HPDF_Array limits = HPDF_Array_New(mmgr);
            if (!leaf || !nums || !limits) return;
            HPDF_Array_AddNumber(limits, entries[at].first);
            HPDF_Array_AddNumber(limits, entries[to - 1].first);
            HPDF_Dict_Add(leaf, "Limits", limits);
            HPDF_Dict_Add(leaf, "Nums", nums);
            HPDF_Array_Add(kids, leaf);
        }
        HPDF_Dict_Add(parent_tree, "Kids", kids);
    }
    HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
    HPDF_Dict_Add(root, "K", elem[0]);
    HPDF_Dict_Add(root, "ParentTree", parent_tree);
    HPDF_Dict_AddNumber(root, "ParentTreeNextKey", next_key_);
    HPDF_Dict_Add(doc_->catalog, "StructTreeRoot", root);
    HPDF_Dict_Add(mark_info, "Marked", HPDF_Boolean_New(mmgr, HPDF_TRUE));
    HPDF_Dict_Add(doc_->catalog, "MarkInfo", mark_info);
}

namespace {

std::string xml_escape(std::string_view s) {
    std::string out;
    for (char ch : base::utf8::sanitize(clean_text(s))) {
        switch (ch) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += ch;
        }
    }
    return out;
}

}  // namespace

std::string xmp_packet(const XmpFields& f) {
    const base::CivilTime t = base::civil_utc(f.epoch_s);
    char date[32];
    std::snprintf(date, sizeof date, "%04d-%02d-%02dT%02d:%02d:%02dZ", t.year, t.month, t.day, t.hour, t.minute,
                  t.second);
    std::string x =
        "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
        " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\""
        " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
        "<dc:format>application/pdf</dc:format>\n";
    x += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(f.title) + "</rdf:li></rdf:Alt></dc:title>\n";
    if (!f.creators.empty()) {
        x += "<dc:creator><rdf:Seq>";
        for (const auto& c : f.creators) x += "<rdf:li>" + xml_escape(c) + "</rdf:li>";
        x += "</rdf:Seq></dc:creator>\n";
    }
    if (!f.lang.empty()) x += "<dc:language><rdf:Bag><rdf:li>" + xml_escape(f.lang) + "</rdf:li></rdf:Bag></dc:language>\n";
    if (!f.description.empty())
        x += "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(f.description) +
             "</rdf:li></rdf:Alt></dc:description>\n";
    if (!f.keywords.empty()) x += "<pdf:Keywords>" + xml_escape(f.keywords) + "</pdf:Keywords>\n";
    x += "<pdf:Producer>" + xml_escape(f.producer) + "</pdf:Producer>\n";
    x += "<xmp:CreatorTool>" + xml_escape(f.creator_tool) + "</xmp:CreatorTool>\n";
    x += std::string("<xmp:CreateDate>") + date + "</xmp:CreateDate>\n";
    x += std::string("<xmp:ModifyDate>") + date + "</xmp:ModifyDate>\n";
    x += "<pdfuaid:part>1</pdfuaid:part>\n"
         "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>";
    return x;
}

void add_xmp_metadata(HPDF_Doc doc, const XmpFields& f) {
    // Left uncompressed (PDF/UA and PDF/A readers look for the packet in the file as is).
    HPDF_Dict stream = HPDF_DictStream_New(doc->mmgr, doc->xref);
    if (!stream) return;
    HPDF_Dict_AddName(stream, "Type", "Metadata");
    HPDF_Dict_AddName(stream, "Subtype", "XML");
    const std::string x = xmp_packet(f);
    HPDF_Stream_Write(stream->stream, reinterpret_cast<const HPDF_BYTE*>(x.data()), static_cast<HPDF_UINT>(x.size()));
    HPDF_Dict_Add(doc->catalog, "Metadata", stream);
}

}  // namespace folio::pdf
