#include "common/fork_generation.h"

#include <atomic>

#if !defined(_WIN32)
#include <pthread.h>  // pthread_atfork: POSIX (Linux, macOS, the BSDs)
#endif

namespace livekit::internal {
namespace {

std::atomic<std::uint64_t> generation{0};

#if !defined(_WIN32)
void OnForkChild() { generation.fetch_add(1, std::memory_order_relaxed); }

// Registered before main (static initialisation of this file), once per process.
const bool kRegistered = pthread_atfork(nullptr, nullptr, &OnForkChild) == 0;
#endif

}  // namespace

std::uint64_t ForkGeneration() {
#if !defined(_WIN32)
  (void)kRegistered;
#endif
  return generation.load(std::memory_order_relaxed);
}

}  // namespace livekit::internal
