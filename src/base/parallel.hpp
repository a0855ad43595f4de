// Two pieces of work at once: one on a helper thread, one on the calling thread.
#pragma once

#include <exception>
#include <thread>

namespace folio::base {

/// Runs `beside` on a new thread and `here` on this one, and returns once both are done. An
/// exception from either is rethrown here (the one from `here` first); the other piece of work is
/// always waited for.
template <class Beside, class Here>
void run_beside(Beside&& beside, Here&& here) {
    std::exception_ptr failure;
    std::thread helper([&] {
        try {
            beside();
        } catch (...) {
            failure = std::current_exception();
        }
    });
    try {
        here();
    } catch (...) {
        helper.join();
        throw;
    }
    helper.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace folio::base
