#pragma once
// The process's limit on open files (RLIMIT_NOFILE), which bounds the connections in flight:
// one file descriptor per connection. Raised once, to the hard limit, when the first engine
// starts (as Go's runtime does at start-up), since the usual soft limit (1024) is far below
// what a busy client needs. A no-op where the platform has no getrlimit.

#include <cstdint>

namespace livekit::internal {

/// Raises the soft limit to the hard one; only the first call does anything.
void RaiseOpenFileLimitOnce();

/// The soft limit now; 0 when unknown or unlimited.
std::uint64_t OpenFileLimit();

}  // namespace livekit::internal
