// The per-input pipeline: read → model → transforms → each requested writer.
#include "cli/convert.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <tuple>

#include "base/environment.hpp"
#include "base/error.hpp"
#include "base/io.hpp"
#include "base/parallel.hpp"
#include "epub/epub_writer.hpp"
#include "model/json.hpp"
#include "model/text.hpp"
#include "parse/language.hpp"
#include "parse/reader.hpp"

namespace folio::cli {
namespace fs = std::filesystem;

namespace {

/// Outputs drawn with the PDF style and resources (fonts, hyphenation).
bool uses_pdf_resources(Target t) { return t == Target::Pdf || t == Target::Trace; }
/// Outputs written with the EPUB style.
bool uses_epub_style(Target t) { return t == Target::Epub || t == Target::Html; }

}  // namespace

Shared load_shared(const Options& opts, base::Diagnostics& diag) {
    Shared s;
    const bool wants_pdf = std::any_of(opts.targets.begin(), opts.targets.end(), uses_pdf_resources);
    const bool wants_epub = std::any_of(opts.targets.begin(), opts.targets.end(), uses_epub_style);
    // A style given with --style is loaded (and checked) whatever the outputs; a default one only
    // when an output uses it.
    if (!opts.style.empty()) {
        s.pdf_style = style::load_style(opts.style, diag);
        s.epub_style = s.pdf_style;
    } else if (wants_pdf && wants_epub) {
        // Two independent styles, on the way to the first page: the EPUB's loads beside the PDF's.
        base::Diagnostics epub_diag(diag.file());
        base::run_beside([&] { s.epub_style = style::load_style("reader", epub_diag); },
                         [&] { s.pdf_style = style::load_style("handout", diag); });
        for (const auto& d : epub_diag.items()) diag.add(d);
    } else {
        if (wants_pdf) s.pdf_style = style::load_style("handout", diag);
        if (wants_epub) s.epub_style = style::load_style("reader", diag);
    }
    if (wants_pdf) s.pdf = pdf::make_resources();
    s.epoch_s = base::source_date_epoch();
    return s;
}

namespace {

/// Outputs are written from the same document, so a problem in it (a dead "#id" link, an
/// unreadable image) is met once per output: it is reported once.
void drop_repeats(base::Diagnostics& diag) {
    base::Diagnostics unique(diag.file());
    std::set<std::tuple<int, std::uint32_t, std::uint32_t, std::string>> seen;
    for (const auto& d : diag.items())
        if (seen.emplace(static_cast<int>(d.severity), d.line, d.col, d.message).second) unique.add(d);
    diag = std::move(unique);
}

std::vector<std::string> split_list(const std::string& v) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : v) {
        if (c == ',' || c == ';') {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        } else if (!(cur.empty() && c == ' ')) {
            cur += c;
        }
    }
    while (!cur.empty() && cur.back() == ' ') cur.pop_back();
    if (!cur.empty()) out.push_back(cur);
    return out;
}

double ms_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

std::string display_name(const std::string& input) { return input == "-" ? "<stdin>" : input; }

std::string error_line(const std::string& where, const std::string& why) { return "folio: error: " + where + ": " + why; }

void fail(Result& r, std::string line) {
    r.status = Result::Status::Failed;
    r.error = std::move(line);
}

/// Runs `f`; returns the error line of an exception it throws, named by the file the error gives
/// or else the input, or an empty string.
template <class F>
std::string error_of(const std::string& input, F&& f) {
    try {
        f();
    } catch (const base::Error& e) {
        return error_line(e.where().empty() ? display_name(input) : e.where(), e.what());
    } catch (const std::exception& e) {
        return error_line(display_name(input), e.what());
    }
    return {};
}

/// What writing one output left: its diagnostics, its file, or why it failed.
struct Written {
    std::string error;  // the error line when it failed
    base::Diagnostics diag;
    OutputInfo info{};
    double ms = 0;
};

/// Writes one output of `doc` (read from `input`) with up to `threads` threads; `last_layout`: no
/// other document will be laid out in this run. Never throws: a failure is kept in the result.
Written write_output(const std::string& input, Target target, const fs::path& path, const model::Document& doc,
                     const Options& opts, const Shared& shared, bool with_hashes, unsigned threads,
                     bool last_layout) {
    Written w;
    w.diag = base::Diagnostics(display_name(input));
    const auto ts = std::chrono::steady_clock::now();
    w.error = error_of(input, [&] {
        if (path != "-" && path.has_parent_path()) {
            std::error_code ec;
            fs::create_directories(path.parent_path(), ec);
            if (ec) throw base::Error(base::ErrorCode::Io, "cannot create folder: " + ec.message(), path.parent_path().string());
        }
        switch (target) {
            case Target::Json: base::write_file_atomic(path, model::to_json(doc)); break;
            case Target::Html: base::write_file_atomic(path, epub::render_html(doc, shared.epub_style, w.diag)); break;
            case Target::Epub: {
                epub::EpubOptions eo;
                eo.split_level = opts.split_level;
                eo.embed_fonts = opts.embed_fonts;
                eo.cover = opts.cover;
                eo.epoch_s = shared.epoch_s;
                epub::write_epub(doc, shared.epub_style, eo, path, w.diag);
                break;
            }
            case Target::Trace: {
                pdf::PdfOptions po;
                po.paper = opts.paper;
                base::write_file_atomic(path, pdf::layout_trace(doc, shared.pdf_style, po, *shared.pdf, w.diag));
                break;
            }
            case Target::Pdf: {
                pdf::PdfOptions po;
                po.epoch_s = shared.epoch_s;
                po.strict = opts.strict;
                po.hinting = opts.hinting;
                po.paper = opts.paper;
                po.threads = threads;
                po.last_layout = last_layout;
                pdf::write_pdf(doc, shared.pdf_style, po, *shared.pdf, path, w.diag);
                break;
            }
        }
        w.info = OutputInfo{target, path, 0, {}};
        if (path != "-") {
            std::error_code ec;
            w.info.bytes = fs::file_size(path, ec);
            if (with_hashes) w.info.sha256 = base::sha256_hex(base::read_file(path.string()));
        }
    });
    w.ms = ms_since(ts);
    return w;
}

}  // namespace

void apply_metadata_overrides(model::Metadata& m, const std::vector<std::pair<std::string, std::string>>& kv) {
    bool authors_reset = false;
    for (const auto& [key, value] : kv) {
        if (key == "title") m.title = value;
        else if (key == "subtitle") m.subtitle = value;
        else if (key == "author" || key == "authors") {
            if (!authors_reset) m.authors.clear(), authors_reset = true;
            for (auto& a : split_list(value)) m.authors.push_back(a);
        } else if (key == "date") m.date = value;
        else if (key == "lang" || key == "language") m.lang = value;
        else if (key == "description" || key == "abstract") m.description = value;
        else if (key == "keywords" || key == "subject") m.keywords = split_list(value);
        else if (key == "source" || key == "url") m.source_url = value;
        else {
            bool replaced = false;
            for (auto& [k, v] : m.extra)
                if (k == key) v = value, replaced = true;
            if (!replaced) m.extra.emplace_back(key, value);
        }
    }
}

ReadInput read_input(const Job& job, const Options& opts) {
    ReadInput in;
    Result& r = in.result;
    r.input = job.input;
    r.diag = base::Diagnostics(display_name(job.input));
    std::string error = error_of(job.input, [&] {
        auto t0 = std::chrono::steady_clock::now();
        const std::string bytes = base::read_file(job.input);
        parse::ReadOptions ro;
        ro.lang = opts.lang;
        for (const auto& [k, v] : opts.metadata)
            if (k == "lang" || k == "language") ro.lang = v;
        ro.smart = opts.smart;
        ro.base_dir = job.input == "-" ? fs::path(".") : fs::path(job.input).parent_path();
        if (ro.base_dir.empty()) ro.base_dir = ".";
        for (const auto& p : opts.resource_paths) ro.resource_paths.emplace_back(p);
        const parse::InputFormat format = opts.format.empty()       ? parse::format_of(job.input, bytes)
                                          : opts.format == "markdown" ? parse::InputFormat::Markdown
                                          : opts.format == "html"     ? parse::InputFormat::Html
                                                                      : parse::InputFormat::Article;
        if (opts.format.empty() && format != parse::format_from_name(job.input))
            r.diag.note(0, 0, "read as HTML: the text opens as an HTML document (-f article reads it as text)");
        model::Document doc = parse::read(format, bytes, ro, r.diag);
        doc.source_name = display_name(job.input);
        // What the reader took out of the text is listed with -v, so nothing disappears unseen.
        for (const auto& rm : doc.meta.removed)
            r.diag.note(rm.pos.line, rm.pos.col, "removed " + rm.reason + ": \"" + rm.text + "\"");
        apply_metadata_overrides(doc.meta, opts.metadata);
        if (!opts.lang.empty()) doc.meta.lang = opts.lang;
        model::assign_heading_ids(doc);
        r.stage_ms.emplace_back("read", ms_since(t0));

        r.title = doc.meta.title;
        r.lang = doc.meta.lang;
        r.words_in = model::count_words(bytes);
        r.words_out = model::count_body_words(doc) + model::count_words(doc.meta.title);
        for (const auto& rm : doc.meta.removed) r.words_out += model::count_words(rm.text);
        in.doc = std::move(doc);
    });
    if (!error.empty()) fail(r, std::move(error));
    return in;
}

Result write_outputs(const Job& job, const Options& opts, Shared& shared, ReadInput in, bool with_hashes,
                     bool last_job, bool spare_core) {
    Result r = std::move(in.result);
    if (!in.doc) return r;
    // No other input will be read: the language detector's tables need not stay resident while
    // the outputs are written.
    if (last_job) parse::release_language_tables();
    const model::Document& doc = *in.doc;
    std::string error = error_of(job.input, [&] {
        // Each output is written into its own diagnostics, merged in the order of the outputs, so
        // what is reported does not depend on which output finished first.
        const std::size_t n = job.outputs.size();
        std::size_t last_pdf_use = n;
        for (std::size_t k = 0; k < n; ++k)
            if (uses_pdf_resources(job.outputs[k].first)) last_pdf_use = k;
        // Every output is attempted: one that fails (an unwritable path, a missing glyph with
        // --strict) does not keep the others from being written, in either order of work.
        std::vector<Written> done(n);
        auto write = [&](std::size_t k) {
            done[k] = write_output(job.input, job.outputs[k].first, job.outputs[k].second, doc, opts, shared, with_hashes,
                                   spare_core ? 2 : 1, last_job && k == last_pdf_use);
        };
        // The PDF resources (fonts, hyphenation: a German automaton alone keeps about 2.6 MB
        // resident) are released once no other job will use them.
        auto release_pdf_resources = [&] {
            if (last_job && shared.pdf.use_count() == 1) shared.pdf.reset();
        };
        const bool has_other = std::any_of(job.outputs.begin(), job.outputs.end(),
                                           [](const auto& o) { return !uses_pdf_resources(o.first); });
        if (spare_core && last_pdf_use < n && has_other) {
            // A core would idle otherwise: the PDF and the other outputs are written side by side.
            // Both sides' memory is then held at once: about 2 MB more for an article (made up for
            // by the language tables and, once the last document is laid out, the hyphenation
            // automata leaving memory: a German article peaks at about 17 MB), 8 MB for the 309 KB
            // document of bench/make_markdown.py. It saves a fifth to a quarter of the time.
            auto write_side = [&](bool pdf_side) {
                for (std::size_t k = 0; k < n; ++k)
                    if (uses_pdf_resources(job.outputs[k].first) == pdf_side) write(k);
                if (pdf_side) release_pdf_resources();
            };
            base::run_beside([&] { write_side(false); }, [&] { write_side(true); });
        } else {
            for (std::size_t k = 0; k < n; ++k) {
                write(k);
                if (k == last_pdf_use) release_pdf_resources();
            }
        }
        for (std::size_t k = 0; k < n; ++k) {
            for (const auto& d : done[k].diag.items()) r.diag.add(d);
            r.stage_ms.emplace_back(target_extension(job.outputs[k].first), done[k].ms);
            if (done[k].error.empty()) r.outputs.push_back(std::move(done[k].info));
            else if (r.error.empty()) fail(r, std::move(done[k].error));
            else r.error += '\n' + done[k].error;  // each failed output has its line
        }
        drop_repeats(r.diag);
        if (r.error.empty() && r.diag.has_errors()) fail(r, error_line(display_name(job.input), "conversion had errors"));
        else if (r.error.empty()) r.status = Result::Status::Converted;
    });
    if (!error.empty()) fail(r, std::move(error));
    return r;
}

Result convert(const Job& job, const Options& opts, Shared& shared, bool with_hashes, bool last_job,
               bool spare_core) {
    return write_outputs(job, opts, shared, read_input(job, opts), with_hashes, last_job, spare_core);
}

}  // namespace folio::cli
