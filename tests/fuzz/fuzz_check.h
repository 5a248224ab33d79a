#pragma once
// Invariant checks for the fuzz targets: a broken invariant aborts, which libFuzzer reports as
// a crash and saves the input (the sanitizers already catch memory errors and UB).

#include <cstdio>
#include <cstdlib>
#include <string_view>

#define FUZZ_CHECK(cond)                                                              \
  do {                                                                                \
    if (!(cond)) {                                                                    \
      std::fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                   \
    }                                                                                 \
  } while (false)

namespace livekit::fuzz {

/// The fuzzer's bytes as text.
inline std::string_view AsText(const unsigned char* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// Splits `text` at its first '\n': the part before goes to `first`, the rest is returned.
/// Without a newline, `first` is empty and all of `text` is returned.
inline std::string_view SplitFirstLine(std::string_view text, std::string_view* first) {
  const std::size_t nl = text.find('\n');
  if (nl == std::string_view::npos) {
    *first = {};
    return text;
  }
  *first = text.substr(0, nl);
  return text.substr(nl + 1);
}

}  // namespace livekit::fuzz
