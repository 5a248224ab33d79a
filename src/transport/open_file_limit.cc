#include "transport/open_file_limit.h"

#include <mutex>

#if __has_include(<sys/resource.h>)
#include <sys/resource.h>
#define LIVEKIT_HAVE_RLIMIT 1
#endif
#if defined(__APPLE__)
#include <climits>  // OPEN_MAX
#endif

namespace livekit::internal {

void RaiseOpenFileLimitOnce() {
#if defined(LIVEKIT_HAVE_RLIMIT)
  static std::once_flag once;
  std::call_once(once, [] {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
    rlim_t wanted = limit.rlim_max;
#if defined(__APPLE__) && defined(OPEN_MAX)
    // macOS refuses soft limits above OPEN_MAX even when the hard limit is "unlimited".
    if (wanted > static_cast<rlim_t>(OPEN_MAX)) wanted = static_cast<rlim_t>(OPEN_MAX);
#endif
    if (wanted <= limit.rlim_cur) return;
    limit.rlim_cur = wanted;
    setrlimit(RLIMIT_NOFILE, &limit);  // failing leaves the limit as it was: nothing else to do
  });
#endif
}

std::uint64_t OpenFileLimit() {
#if defined(LIVEKIT_HAVE_RLIMIT)
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return 0;
  return static_cast<std::uint64_t>(limit.rlim_cur);
#else
  return 0;
#endif
}

}  // namespace livekit::internal
