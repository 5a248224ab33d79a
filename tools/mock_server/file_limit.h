#pragma once
// Raises the open-file limit as far as the system allows: every idle client connection is a
// file descriptor, and load tests hold thousands.

#include <string>

namespace livekit::mock {

/// Raises RLIMIT_NOFILE's soft limit to its hard limit; returns the resulting soft limit
/// (0 when it cannot be read).
unsigned long RaiseOpenFileLimit();

/// Connections below which the limit deserves a warning at start-up.
inline constexpr unsigned long kRecommendedOpenFiles = 10240;

}  // namespace livekit::mock
