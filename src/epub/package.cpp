// OPF, navigation document, NCX and container, built with pugixml like the content documents.
#include "epub/package.hpp"

#include <algorithm>

#include <pugixml.hpp>

#include "base/utf8.hpp"
#include "epub/xhtml.hpp"

namespace folio::epub {
namespace {

pugi::xml_document xml_document() {
    pugi::xml_document d;
    auto decl = d.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    return d;
}

void nl(pugi::xml_node n) { n.append_child(pugi::node_pcdata).set_value("\n"); }

pugi::xml_node text_child(pugi::xml_node parent, const char* name, std::string_view text) {
    auto e = parent.append_child(name);
    append_text(e, text);
    nl(parent);
    return e;
}

pugi::xml_node meta_property(pugi::xml_node metadata, const char* property, std::string_view value) {
    auto m = metadata.append_child("meta");
    m.append_attribute("property") = property;
    append_text(m, value);
    nl(metadata);
    return m;
}

bool digits(std::string_view s, std::size_t at, std::size_t n) {
    if (at + n > s.size()) return false;
    return std::all_of(s.begin() + static_cast<std::ptrdiff_t>(at), s.begin() + static_cast<std::ptrdiff_t>(at + n),
                       [](char c) { return c >= '0' && c <= '9'; });
}

/// Nav <a> and NCX labels must not be empty.
std::string label(const NavEntry& e, std::size_t i) {
    return e.text.empty() ? "§ " + std::to_string(i + 1) : e.text;
}

}  // namespace

bool is_w3c_date(std::string_view s) {
    if (!digits(s, 0, 4)) return false;
    if (s.size() == 4) return true;
    if (s.size() < 7 || s[4] != '-' || !digits(s, 5, 2)) return false;
    if (s.size() == 7) return true;
    if (s.size() < 10 || s[7] != '-' || !digits(s, 8, 2)) return false;
    if (s.size() == 10) return true;
    // hh:mm[:ss[.s+]] then Z or ±hh:mm
    if (s[10] != 'T' || !digits(s, 11, 2) || s.size() < 16 || s[13] != ':' || !digits(s, 14, 2)) return false;
    std::size_t p = 16;
    if (p < s.size() && s[p] == ':') {
        if (!digits(s, p + 1, 2)) return false;
        p += 3;
        if (p < s.size() && s[p] == '.') {
            ++p;
            if (!digits(s, p, 1)) return false;
            while (digits(s, p, 1)) ++p;
        }
    }
    if (p < s.size() && s[p] == 'Z') return p + 1 == s.size();
    return p + 6 == s.size() && (s[p] == '+' || s[p] == '-') && digits(s, p + 1, 2) && s[p + 3] == ':' && digits(s, p + 4, 2);
}

std::string container_xml(std::string_view opf_path) {
    auto d = xml_document();
    auto c = d.append_child("container");
    c.append_attribute("version") = "1.0";
    c.append_attribute("xmlns") = "urn:oasis:names:tc:opendocument:xmlns:container";
    auto rf = c.append_child("rootfiles").append_child("rootfile");
    rf.append_attribute("full-path") = std::string(opf_path).c_str();
    rf.append_attribute("media-type") = "application/oebps-package+xml";
    return serialize(d) + "\n";
}

std::string package_opf(const PackageInfo& p, base::Diagnostics& diag) {
    const model::Metadata& m = *p.meta;
    auto d = xml_document();
    auto pkg = d.append_child("package");
    pkg.append_attribute("xmlns") = "http://www.idpf.org/2007/opf";
    pkg.append_attribute("version") = "3.0";
    pkg.append_attribute("unique-identifier") = "pub-id";
    pkg.append_attribute("xml:lang") = p.lang.c_str();
    nl(pkg);

    auto md = pkg.append_child("metadata");
    md.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
    nl(md);
    text_child(md, "dc:identifier", p.identifier).append_attribute("id") = "pub-id";
    text_child(md, "dc:title", p.title);
    text_child(md, "dc:language", p.lang);
    for (std::size_t i = 0; i < m.authors.size(); ++i) {
        const std::string id = "creator-" + std::to_string(i + 1);
        text_child(md, "dc:creator", m.authors[i]).append_attribute("id") = id.c_str();
        auto role = meta_property(md, "role", "aut");
        role.append_attribute("refines") = ("#" + id).c_str();
        role.append_attribute("scheme") = "marc:relators";
    }
    if (!m.date.empty()) {
        if (is_w3c_date(m.date))
            text_child(md, "dc:date", m.date);
        else
            diag.note(0, 0, "date '" + base::utf8::sanitize(m.date) + "' is not ISO 8601: shown on the title page only");
    }
    if (!m.description.empty()) text_child(md, "dc:description", m.description);
    for (const auto& k : m.keywords)
        if (!k.empty()) text_child(md, "dc:subject", k);
    if (!m.source_url.empty()) text_child(md, "dc:source", m.source_url);
    meta_property(md, "dcterms:modified", p.modified);
    if (!p.cover_image_id.empty()) {
        // EPUB 2 reading systems find the cover through this; EPUB 3 ones through the manifest.
        auto cover = md.append_child("meta");
        cover.append_attribute("name") = "cover";
        cover.append_attribute("content") = p.cover_image_id.c_str();
        nl(md);
    }

    // schema.org accessibility metadata (EPUB Accessibility 1.1 §"Discoverability"), each
    // value derived from the book's content (epub/accessibility.hpp).
    const AccessibilityFacts& a = p.a11y;
    meta_property(md, "schema:accessMode", "textual");
    if (a.images > 0) meta_property(md, "schema:accessMode", "visual");
    for (const auto& mode : access_modes_sufficient(a)) meta_property(md, "schema:accessModeSufficient", mode);
    for (const auto& f : accessibility_features(a)) meta_property(md, "schema:accessibilityFeature", f);
    meta_property(md, "schema:accessibilityHazard", "none");
    const LocalizedText summary = accessibility_summary(a);
    meta_property(md, "schema:accessibilitySummary", summary.text).append_attribute("xml:lang") = summary.lang.c_str();
    if (conforms_to_epub_a11y(a)) {
        // EPUB Accessibility 1.1 §"Conformance reporting": the claim, and the evaluator's name
        // refining it. dcterms: and a11y: are reserved prefixes in EPUB 3.2: no declaration.
        meta_property(md, "dcterms:conformsTo", epub_a11y_conformance).append_attribute("id") = "conformance";
        meta_property(md, "a11y:certifiedBy", epub_a11y_evaluator).append_attribute("refines") = "#conformance";
    }
    nl(pkg);

    auto manifest = pkg.append_child("manifest");
    nl(manifest);
    for (const auto& item : p.manifest) {
        auto e = manifest.append_child("item");
        e.append_attribute("id") = item.id.c_str();
        e.append_attribute("href") = item.href.c_str();
        e.append_attribute("media-type") = item.media_type.c_str();
        if (!item.properties.empty()) e.append_attribute("properties") = item.properties.c_str();
        nl(manifest);
    }
    nl(pkg);
    auto spine = pkg.append_child("spine");
    spine.append_attribute("toc") = "ncx";
    nl(spine);
    for (const auto& id : p.spine) {
        spine.append_child("itemref").append_attribute("idref") = id.c_str();
        nl(spine);
    }
    for (const auto& id : p.spine_auxiliary) {
        auto ref = spine.append_child("itemref");
        ref.append_attribute("idref") = id.c_str();
        ref.append_attribute("linear") = "no";
        nl(spine);
    }
    nl(pkg);
    return serialize(d) + "\n";
}

std::string nav_xhtml(const PackageInfo& p, const std::vector<NavEntry>& toc, std::string_view css_href,
                      std::string_view titlepage_href, std::string_view body_href) {
    model::Document empty;
    base::Diagnostics quiet;
    XhtmlOptions opts;
    opts.lang = p.lang;
    XhtmlBuilder b(empty, opts, quiet);
    pugi::xml_document d;
    auto body = b.begin(d, ui_text(p.lang, "contents"), css_href, "");

    auto nav = body.append_child("nav");
    nav.append_attribute("epub:type") = "toc";
    nav.append_attribute("id") = "toc";
    nav.append_attribute("role") = "doc-toc";
    append_ui_text(nav.append_child("h1"), p.lang, "contents");
    nl(nav);
    // One <ol> per depth; a deeper entry opens an <ol> inside the last <li> of its parent.
    std::vector<pugi::xml_node> ols{nav.append_child("ol")};
    std::vector<pugi::xml_node> lis;
    for (std::size_t i = 0; i < toc.size(); ++i) {
        const auto depth = static_cast<std::size_t>(std::max(0, toc[i].depth));
        while (ols.size() > depth + 1) ols.pop_back();
        lis.resize(ols.size());
        if (ols.size() == depth && !lis.empty() && lis.back()) ols.push_back(lis.back().append_child("ol"));
        lis.resize(ols.size());
        auto li = ols.back().append_child("li");
        auto a = li.append_child("a");
        a.append_attribute("href") = toc[i].href.c_str();
        append_text(a, label(toc[i], i));
        lis.back() = li;
        nl(ols.back());
    }
    nl(body);

    auto lm = body.append_child("nav");
    lm.append_attribute("epub:type") = "landmarks";
    lm.append_attribute("id") = "landmarks";
    lm.append_attribute("hidden") = "hidden";
    append_ui_text(lm.append_child("h2"), p.lang, "landmarks");
    auto ol = lm.append_child("ol");
    auto landmark = [&](const char* type, std::string_view href, const char* key) {
        auto a = ol.append_child("li").append_child("a");
        a.append_attribute("epub:type") = type;
        a.append_attribute("href") = std::string(href).c_str();
        append_ui_text(a, p.lang, key);
    };
    if (!p.cover_image_id.empty()) landmark("cover", "cover.xhtml", "cover");
    landmark("titlepage", titlepage_href, "titlepage");
    landmark("toc", "nav.xhtml#toc", "contents");
    landmark("bodymatter", body_href, "start");
    nl(body);
    close_empty_elements(d);
    return serialize(d) + "\n";
}

std::string toc_ncx(const PackageInfo& p, const std::vector<NavEntry>& toc) {
    auto d = xml_document();
    auto ncx = d.append_child("ncx");
    ncx.append_attribute("xmlns") = "http://www.daisy.org/z3986/2005/ncx/";
    ncx.append_attribute("version") = "2005-1";
    ncx.append_attribute("xml:lang") = p.lang.c_str();
    nl(ncx);
    int max_depth = 0;
    for (const auto& e : toc) max_depth = std::max(max_depth, e.depth);
    auto head = ncx.append_child("head");
    auto meta = [&](const char* name, std::string_view content) {
        auto m = head.append_child("meta");
        m.append_attribute("name") = name;
        m.append_attribute("content") = std::string(content).c_str();
    };
    meta("dtb:uid", p.identifier);
    meta("dtb:depth", std::to_string(max_depth + 1));
    meta("dtb:totalPageCount", "0");
    meta("dtb:maxPageNumber", "0");
    nl(ncx);
    append_text(ncx.append_child("docTitle").append_child("text"), p.title);
    nl(ncx);
    auto map = ncx.append_child("navMap");
    std::vector<pugi::xml_node> parents{map};
    std::vector<pugi::xml_node> points;
    for (std::size_t i = 0; i < toc.size(); ++i) {
        const auto depth = static_cast<std::size_t>(std::max(0, toc[i].depth));
        while (parents.size() > depth + 1) parents.pop_back();
        points.resize(parents.size());
        if (parents.size() == depth && !points.empty() && points.back()) parents.push_back(points.back());
        points.resize(parents.size());
        auto np = parents.back().append_child("navPoint");
        np.append_attribute("id") = ("navpoint-" + std::to_string(i + 1)).c_str();
        np.append_attribute("playOrder") = static_cast<unsigned>(i + 1);
        append_text(np.append_child("navLabel").append_child("text"), label(toc[i], i));
        np.append_child("content").append_attribute("src") = toc[i].href.c_str();
        points.back() = np;
    }
    nl(ncx);
    return serialize(d) + "\n";
}

}  // namespace folio::epub
