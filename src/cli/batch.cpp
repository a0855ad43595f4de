// Batch conversion: a fixed pool of worker threads pulls jobs from a shared index. Signals are
// handled by a dedicated thread so that SIGINT/SIGTERM remove temporary files and never leave a
// partial output.
#include "cli/batch.hpp"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "base/error.hpp"
#include "base/io.hpp"
#include "base/json.hpp"

namespace folio::cli {
namespace fs = std::filesystem;

unsigned shard_of(const std::string& path, unsigned n) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : path) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return static_cast<unsigned>(h % n);
}

namespace {

bool has_extension(const fs::path& p, const std::vector<std::string>& exts) {
    std::string e = p.extension().string();
    if (e.empty()) return false;
    e.erase(0, 1);
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::tolower(c); });
    return std::find(exts.begin(), exts.end(), e) != exts.end();
}

fs::path with_extension(fs::path p, Target t) { return p.replace_extension(target_extension(t)); }

bool same_file(const fs::path& a, const fs::path& b) {
    std::error_code ec1, ec2;
    const fs::path ca = fs::weakly_canonical(a, ec1), cb = fs::weakly_canonical(b, ec2);
    return !ec1 && !ec2 && ca == cb;
}

}  // namespace

std::vector<Job> plan_jobs(const Options& opts) {
    // (input path, path relative to its root) in a stable order.
    std::vector<std::pair<std::string, fs::path>> inputs;
    for (const auto& in : opts.inputs) {
        std::error_code ec;
        if (in != "-" && fs::is_directory(in, ec)) {
            std::vector<std::pair<std::string, fs::path>> found;
            fs::recursive_directory_iterator it(in, fs::directory_options::skip_permission_denied, ec), end;
            for (; !ec && it != end; it.increment(ec)) {
                if (!it->is_regular_file(ec) || !has_extension(it->path(), opts.extensions)) continue;
                found.emplace_back(it->path().string(), fs::relative(it->path(), in, ec));
            }
            if (ec) throw base::Error(base::ErrorCode::Io, "cannot list folder: " + ec.message(), in);
            std::sort(found.begin(), found.end());
            inputs.insert(inputs.end(), found.begin(), found.end());
        } else {
            inputs.emplace_back(in, in == "-" ? fs::path("stdin") : fs::path(in).filename());
        }
    }

    // Two inputs that map to one output ("a/x.txt" and "b/x.txt" under -d) would overwrite each
    // other's files, and one article would silently be missing from the results.
    if (opts.output.empty()) {
        std::map<fs::path, const std::string*> taken;
        for (const auto& [input, rel] : inputs) {
            const fs::path key = (opts.output_dir.empty() ? rel.filename() : fs::path(opts.output_dir) / rel).lexically_normal().replace_extension();
            const auto [it, fresh] = taken.emplace(key, &input);
            if (!fresh && !same_file(*it->second, input))
                throw base::Error(base::ErrorCode::Usage,
                                  "two inputs would write the same outputs (" + key.string() + ".*): " + *it->second +
                                      " and " + input + "; give their common folder instead, so that -d mirrors it",
                                  input);
        }
    }

    std::vector<Job> jobs;
    for (const auto& [input, rel] : inputs) {
        if (opts.shard && shard_of(input, opts.shard->second) != opts.shard->first - 1) continue;
        Job job{input, {}};
        for (Target t : opts.targets) {
            fs::path out;
            if (!opts.output.empty()) out = opts.output;
            else if (!opts.output_dir.empty()) out = with_extension(fs::path(opts.output_dir) / rel, t);
            else out = with_extension(rel.filename(), t);
            if (input != "-" && out != "-" && same_file(out, input))
                throw base::Error(base::ErrorCode::Usage, "output would overwrite the input", input);
            job.outputs.emplace_back(t, out);
        }
        jobs.push_back(std::move(job));
    }
    return jobs;
}

namespace {

std::atomic<bool> stop_requested{false};

// Waits for SIGINT/SIGTERM (blocked in every other thread). On a signal it stops new work,
// removes temporary files being written, and exits with 128 + signal once running conversions
// had a moment to finish their current write.
void signal_thread(sigset_t set) {
    int sig = 0;
    if (sigwait(&set, &sig) != 0) return;
    if (sig == SIGUSR1) return;  // shutdown of a finished run
    stop_requested = true;
    std::fprintf(stderr, "\nfolio: interrupted (%s): stopping; finished outputs are kept\n",
                 sig == SIGINT ? "SIGINT" : "SIGTERM");
    base::remove_pending_temporaries();
    std::_Exit(128 + sig);
}

class Progress {
public:
    Progress(std::size_t total, bool enabled) : total_(total), enabled_(enabled), start_(clock::now()) {
        color_ = enabled_ && !std::getenv("NO_COLOR");
    }
    void update(std::size_t done, std::size_t failed) {
        if (!enabled_) return;
        const auto now = clock::now();
        if (done != total_ && now - last_ < std::chrono::milliseconds(100)) return;
        last_ = now;
        const double s = std::chrono::duration<double>(now - start_).count();
        const double rate = s > 0 ? static_cast<double>(done) / s : 0;
        const double left = rate > 0 ? static_cast<double>(total_ - done) / rate : 0;
        const int width = 28;
        const int filled = total_ ? static_cast<int>(width * done / total_) : width;
        std::string bar(static_cast<std::size_t>(filled), '#');
        bar.resize(width, '.');
        std::fprintf(stderr, "\r%s[%s]%s %zu/%zu  %.0f/s  %.0fs left%s%s  ", color_ ? "\033[36m" : "",
                     bar.c_str(), color_ ? "\033[0m" : "", done, total_, rate, left,
                     failed ? (color_ ? "  \033[31m" : "  ") : "",
                     failed ? (std::to_string(failed) + " failed" + (color_ ? "\033[0m" : "")).c_str() : "");
        shown_ = true;
    }
    void finish() {
        if (shown_) std::fputs("\r\033[K", stderr);
    }

private:
    using clock = std::chrono::steady_clock;
    std::size_t total_;
    bool enabled_;
    bool color_ = false;
    bool shown_ = false;
    clock::time_point start_, last_{};
};

const char* status_name(Result::Status s) {
    switch (s) {
        case Result::Status::Converted: return "converted";
        case Result::Status::Failed: return "failed";
        case Result::Status::Skipped: return "skipped";
    }
    return "";
}

std::string report_json(const std::vector<Result>& results, double seconds) {
    base::JsonWriter w;
    std::size_t converted = 0, failed = 0, skipped = 0, warnings = 0;
    w.begin_object().key("inputs").begin_array();
    for (const auto& r : results) {
        converted += r.status == Result::Status::Converted;
        failed += r.status == Result::Status::Failed;
        skipped += r.status == Result::Status::Skipped;
        warnings += r.diag.count(base::Severity::Warning);
        w.begin_object().key("input").value(r.input).key("status").value(status_name(r.status));
        if (!r.error.empty()) w.key("error").value(r.error);
        w.key("title").value(r.title).key("lang").value(r.lang);
        w.key("words_in").value(r.words_in).key("words_out").value(r.words_out);
        w.key("outputs").begin_array();
        for (const auto& o : r.outputs) {
            w.begin_object().key("format").value(target_extension(o.target)).key("path").value(o.path.string());
            w.key("bytes").value(static_cast<std::size_t>(o.bytes)).key("sha256").value(o.sha256).end_object();
        }
        w.end_array().key("diagnostics").begin_array();
        for (const auto& d : r.diag.items()) {
            w.begin_object()
                .key("severity").value(d.severity == base::Severity::Error ? "error" : d.severity == base::Severity::Warning ? "warning" : "note")
                .key("line").value(static_cast<std::size_t>(d.line))
                .key("col").value(static_cast<std::size_t>(d.col))
                .key("message").value(d.message)
                .end_object();
        }
        w.end_array().key("ms").begin_object();
        for (const auto& [stage, ms] : r.stage_ms) w.key(stage).value(ms);
        w.end_object().end_object();
    }
    w.end_array().key("summary").begin_object();
    w.key("converted").value(converted).key("failed").value(failed).key("skipped").value(skipped);
    w.key("warnings").value(warnings).key("seconds").value(seconds).end_object().end_object();
    std::string s = w.take();
    s += '\n';
    return s;
}

bool outputs_up_to_date(const Job& job, const Shared& shared) {
    std::error_code ec;
    if (job.input == "-") return false;
    auto newest = fs::last_write_time(job.input, ec);
    if (ec) return false;
    for (const auto* st : {&shared.pdf_style, &shared.epub_style}) {
        if (st->path.empty()) continue;
        auto t = fs::last_write_time(st->path, ec);
        if (!ec && t > newest) newest = t;
    }
    for (const auto& [t, out] : job.outputs) {
        auto ot = fs::last_write_time(out, ec);
        if (ec || ot <= newest) return false;
    }
    return true;
}

void print_diagnostics(const Result& r, const Options& opts) {
    for (const auto& d : r.diag.items()) {
        if (d.severity == base::Severity::Note && (opts.verbose == 0 || opts.quiet)) continue;
        if (d.severity == base::Severity::Warning && opts.quiet) continue;
        std::fprintf(stderr, "%s\n", base::format(d).c_str());
    }
    if (!r.error.empty()) std::fprintf(stderr, "%s\n", r.error.c_str());
}

}  // namespace

int run_batch(const Options& opts, std::vector<Job> jobs) {
    const auto t0 = std::chrono::steady_clock::now();

    // Signals go to one thread only: block them here, before any worker exists.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    std::thread signals(signal_thread, set);

    base::Diagnostics shared_diag("");
    std::optional<Shared> shared;
    int status = 0;
    // One input and a core to spare: the input is read while the styles load.
    std::optional<ReadInput> early;
    std::thread reader;
    if (jobs.size() == 1 && opts.jobs > 1 && !opts.skip_unchanged)
        reader = std::thread([&] { early = read_input(jobs[0], opts); });
    try {
        shared = load_shared(opts, shared_diag);
    } catch (const base::Error& e) {
        std::fprintf(stderr, "folio: error: %s%s%s\n", e.where().c_str(), e.where().empty() ? "" : ": ", e.what());
        status = base::exit_status(e.code());
    } catch (...) {
        if (reader.joinable()) reader.join();
        throw;
    }
    if (reader.joinable()) reader.join();
    for (const auto& d : shared_diag.items())
        if ((d.severity == base::Severity::Note && opts.verbose && !opts.quiet) ||
            (d.severity == base::Severity::Warning && !opts.quiet) || d.severity == base::Severity::Error)
            std::fprintf(stderr, "%s\n", base::format(d).c_str());

    std::vector<Result> results(shared ? jobs.size() : 0);
    std::size_t converted = 0, failed = 0, skipped = 0, warnings = 0;
    if (shared) {
        const bool with_report = !opts.report.empty();
        std::atomic<std::size_t> next{0};
        std::mutex out_mutex;
        std::size_t done = 0;
        Progress progress(jobs.size(), !opts.quiet && ::isatty(STDERR_FILENO) && jobs.size() > 1);
        auto worker = [&] {
            for (;;) {
                if (stop_requested) return;
                const std::size_t i = next++;
                if (i >= jobs.size()) return;
                Result r;
                if (opts.skip_unchanged && outputs_up_to_date(jobs[i], *shared)) {
                    r.input = jobs[i].input;
                    r.status = Result::Status::Skipped;
                } else {
                    const bool spare_core = opts.jobs > jobs.size();
                    r = early ? write_outputs(jobs[i], opts, *shared, std::move(*early), with_report, true, spare_core)
                              : convert(jobs[i], opts, *shared, with_report, jobs.size() == 1, spare_core);
                }
                std::lock_guard lock(out_mutex);
                progress.finish();
                print_diagnostics(r, opts);
                if (opts.verbose && !opts.quiet) {
                    for (const auto& [stage, ms] : r.stage_ms)
                        std::fprintf(stderr, "folio: note: %s: %s %.2f ms\n", r.input == "-" ? "<stdin>" : r.input.c_str(),
                                     stage.c_str(), ms);
                }
                converted += r.status == Result::Status::Converted;
                failed += r.status == Result::Status::Failed;
                skipped += r.status == Result::Status::Skipped;
                warnings += r.diag.count(base::Severity::Warning);
                ++done;
                progress.update(done, failed);
                // Results are kept only for the report, so memory stays flat on huge runs.
                if (with_report) results[i] = std::move(r);
            }
        };
        const unsigned n = static_cast<unsigned>(std::min<std::size_t>(opts.jobs, std::max<std::size_t>(jobs.size(), 1)));
        std::vector<std::thread> pool;
        for (unsigned k = 1; k < n; ++k) pool.emplace_back(worker);
        worker();
        for (auto& t : pool) t.join();
        progress.finish();

        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (with_report) {
            try {
                base::write_file_atomic(opts.report, report_json(results, seconds));
            } catch (const base::Error& e) {
                std::fprintf(stderr, "folio: error: %s: %s\n", e.where().c_str(), e.what());
                failed += 1;
            }
        }
        if (!opts.quiet) {
            std::fprintf(stderr, "folio: %zu converted, %zu failed, %zu skipped, %zu warnings in %.2f s\n",
                         converted, failed, skipped, warnings, seconds);
        }
        status = failed ? 1 : 0;
    }

    pthread_kill(signals.native_handle(), SIGUSR1);
    signals.join();
    return status;
}

}  // namespace folio::cli
