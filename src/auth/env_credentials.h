#pragma once
// The environment fallback for an API key or secret left empty by the caller.

#include <cstdlib>
#include <string>

namespace livekit::internal {

/// `value` when non-empty, else the environment variable `name` (empty when unset).
inline std::string ValueOrEnv(std::string value, const char* name) {
  if (!value.empty()) return value;
  const char* env = std::getenv(name);
  return env != nullptr ? std::string(env) : std::string();
}

}  // namespace livekit::internal
