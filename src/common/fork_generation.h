#pragma once
// A counter that a forked child sees bumped, so per-process state (random generators) can
// notice it runs in a new process without a getpid() system call per use.

#include <cstdint>

namespace livekit::internal {

/// 0 in the original process; 1 more in each forked child, grandchildren included. Cheap
/// (one relaxed atomic load). Where the platform has no fork (Windows) it stays 0.
std::uint64_t ForkGeneration();

}  // namespace livekit::internal
