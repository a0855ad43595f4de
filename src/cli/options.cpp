// Command-line parsing with CLI11. Usage errors print one line and give exit status 2.
#include "cli/options.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <thread>

namespace folio::cli {

std::string target_extension(Target t) {
    switch (t) {
        case Target::Pdf: return "pdf";
        case Target::Epub: return "epub";
        case Target::Html: return "html";
        case Target::Json: return "json";
        case Target::Trace: return "trace";
    }
    return "";
}

std::optional<Target> target_from_name(std::string name) {
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    if (name == "pdf") return Target::Pdf;
    if (name == "epub") return Target::Epub;
    if (name == "html" || name == "xhtml" || name == "htm") return Target::Html;
    if (name == "json") return Target::Json;
    if (name == "trace") return Target::Trace;
    return std::nullopt;
}

std::optional<Target> target_from_extension(std::string_view path) {
    const auto slash = path.rfind('/');
    const auto dot = path.rfind('.');
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return std::nullopt;
    return target_from_name(std::string(path.substr(dot + 1)));
}

namespace {

int usage_error(const std::string& message) {
    std::fprintf(stderr, "folio: error: %s\nTry 'folio --help' for more information.\n", message.c_str());
    return 2;
}

constexpr const char* description =
    "folio turns cleaned web articles and Markdown into PDF handouts and EPUB 3 books.\n"
    "It rebuilds damaged article text (navigation crumbs, cut paragraphs, spilled words),\n"
    "typesets PDFs with total-fit line breaking and hyphenation, and writes validated,\n"
    "reproducible EPUBs.";

constexpr const char* epilog =
    "\nExamples:\n"
    "  folio article.txt                     article.pdf and article.epub here\n"
    "  folio notes.md -o notes.epub          one output, format from the extension\n"
    "  folio -j2 -d out/ articles/           a whole tree, mirrored under out/\n"
    "  folio article.txt -t json -o -        the document model as JSON on stdout\n"
    "\nExit status: 0 all inputs converted, 1 at least one input failed, 2 usage error.\n"
    "Dates in outputs come from SOURCE_DATE_EPOCH (default 2000-01-01T00:00:00Z).";

}  // namespace

ParseResult parse_options(int argc, char** argv) {
    Options o;
    CLI::App app{description, "folio"};
    app.footer(epilog);
    app.get_formatter()->column_width(34);

    std::string targets;
    std::string shard;
    std::string extensions;
    std::vector<std::string> meta;
    bool version = false;
    app.add_option("inputs", o.inputs, "Input files or folders ('-' reads standard input)")->type_name("INPUT");
    app.add_option("-o,--output", o.output, "Output file (one input); the format comes from its extension; '-' for stdout (json, html, trace)")->type_name("FILE");
    app.add_option("-d,--output-dir", o.output_dir, "Write outputs as DIR/NAME.EXT, mirroring input folders")->type_name("DIR");
    app.add_option("-t,--to", targets, "Output formats: pdf,epub,html,json,trace (default pdf,epub); trace is the PDF layout as text")->type_name("LIST");
    app.add_option("-f,--from", o.format, "Input format: article | markdown | html (default: from the extension)")
        ->check(CLI::IsMember({"article", "markdown", "md", "html", "htm"}))->type_name("FORMAT");
    app.add_option("--style", o.style, "Style name (see --list-styles) or CSS file")->type_name("NAME|FILE");
    app.add_flag("--list-styles", o.list_styles, "List the shipped styles and exit");
    app.add_option("-M,--metadata", meta, "Set metadata: title, subtitle, author, date, lang, description, keywords, source")->type_name("KEY=VALUE");
    app.add_option("--lang", o.lang, "Document language (BCP 47), instead of detecting it")->type_name("CODE");
    app.add_flag("--no-smart", [&](std::int64_t) { o.smart = false; }, "Keep quotes, apostrophes, dashes and spaces as typed");
    app.add_flag("--strict", o.strict, "Treat characters no font can draw as errors");
    app.add_option("--split-level", o.split_level, "EPUB: start a new chapter at headings of this level and above (default 1)")
        ->check(CLI::Range(1, 6));
    app.add_flag("--embed-fonts", o.embed_fonts, "EPUB: embed the style's fonts");
    app.add_option("--cover", o.cover, "EPUB: cover picture (PNG or JPEG), or 'none'; default: drawn from the title")
        ->type_name("FILE|none");
    app.add_flag("--hinting", o.hinting, "PDF: keep the fonts' hinting instructions in the embedded subsets (about half their size)");
    app.add_option("--paper", o.paper, "PDF paper size: A4, Letter, A5 (default: the style's)")
        ->check(CLI::IsMember({"A4", "Letter", "A5", "a4", "letter", "a5"}));
    app.add_option("--resource-path", o.resource_paths, "Extra folder images may be read from")->type_name("DIR");
    app.add_option("-j,--jobs", o.jobs, "Parallel conversions (default: number of cores)")->check(CLI::Range(1u, 256u));
    app.add_option("--report", o.report, "Write a JSON report of the run")->type_name("FILE");
    app.add_option("--shard", shard, "Convert only shard K of N (stable partition by path)")->type_name("K/N");
    app.add_flag("--skip-unchanged", o.skip_unchanged, "Skip inputs whose outputs are newer than the input and the style");
    app.add_option("--ext", extensions, "Extensions picked up in folders (default txt,md,markdown,html,htm)")->type_name("LIST");
    app.add_flag("-q,--quiet", o.quiet, "Print only errors");
    app.add_flag("-v,--verbose", o.verbose, "Print notes: removed boilerplate, ignored style rules, timings");
    app.add_flag("--version", version, "Print the version and exit");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return {std::nullopt, 0};
    } catch (const CLI::ParseError& e) {
        return {std::nullopt, usage_error(e.what())};
    }
    if (version) {
        std::printf("folio %s\n", FOLIO_VERSION);
        return {std::nullopt, 0};
    }
    if (o.list_styles) return {std::move(o), 0};

    if (!targets.empty()) {
        o.targets.clear();
        o.targets_given = true;
        for (const auto& name : CLI::detail::split(targets, ',')) {
            auto t = target_from_name(CLI::detail::trim_copy(name));
            if (!t) return {std::nullopt, usage_error("unknown output format '" + name + "' (pdf, epub, html, json)")};
            if (std::find(o.targets.begin(), o.targets.end(), *t) == o.targets.end()) o.targets.push_back(*t);
        }
    }
    if (!extensions.empty()) {
        o.extensions.clear();
        for (auto e : CLI::detail::split(extensions, ',')) {
            e = CLI::detail::trim_copy(e);
            if (!e.empty() && e[0] == '.') e.erase(0, 1);
            if (!e.empty()) o.extensions.push_back(e);
        }
    }
    for (const auto& m : meta) {
        const auto eq = m.find('=');
        if (eq == std::string::npos || eq == 0) return {std::nullopt, usage_error("-M expects KEY=VALUE, got '" + m + "'")};
        o.metadata.emplace_back(m.substr(0, eq), m.substr(eq + 1));
    }
    if (!shard.empty()) {
        unsigned k = 0, n = 0;
        char extra = 0;
        if (std::sscanf(shard.c_str(), "%u/%u%c", &k, &n, &extra) != 2 || n == 0 || k == 0 || k > n)
            return {std::nullopt, usage_error("--shard expects K/N with 1 <= K <= N, got '" + shard + "'")};
        o.shard = std::make_pair(k, n);
    }
    if (o.format == "md") o.format = "markdown";
    if (o.format == "htm") o.format = "html";
    if (o.inputs.empty()) return {std::nullopt, usage_error("no input (give a file, a folder, or '-' for standard input)")};
    if (!o.output.empty()) {
        if (!o.output_dir.empty()) return {std::nullopt, usage_error("-o and -d cannot be combined")};
        if (o.inputs.size() != 1) return {std::nullopt, usage_error("-o takes exactly one input; use -d for several")};
        auto t = target_from_extension(o.output);
        if (o.output == "-") {
            if (!o.targets_given || o.targets.size() != 1)
                return {std::nullopt, usage_error("-o - needs exactly one text format with -t (json, html or trace)")};
            if (o.targets[0] != Target::Json && o.targets[0] != Target::Html && o.targets[0] != Target::Trace)
                return {std::nullopt, usage_error("only json, html and trace can be written to standard output")};
        } else if (!t) {
            return {std::nullopt, usage_error("cannot tell the output format from '" + o.output + "' (.pdf, .epub, .html, .json, .trace)")};
        } else {
            if (o.targets_given && (o.targets.size() != 1 || o.targets[0] != *t))
                return {std::nullopt, usage_error("-t disagrees with the extension of '" + o.output + "'")};
            o.targets = {*t};
        }
    }
    if (o.jobs == 0) o.jobs = std::max(1u, std::thread::hardware_concurrency());
    return {std::move(o), 0};
}

}  // namespace folio::cli
