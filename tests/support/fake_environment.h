#pragma once
// An environment for option resolution that holds only the variables a test gives, so the
// machine's LIVEKIT_* / LK_* variables never leak into a test of the fallbacks.

#include <map>
#include <memory>
#include <string>

#include "services/resolved_options.h"

namespace livekit::test {

/// An EnvLookup answering from `vars` alone (nullptr for a name not among them).
inline internal::EnvLookup FakeEnvironment(std::map<std::string, std::string> vars) {
  auto shared = std::make_shared<std::map<std::string, std::string>>(std::move(vars));
  return [shared](const char* name) -> const char* {
    auto it = shared->find(name);
    return it == shared->end() ? nullptr : it->second.c_str();
  };
}

}  // namespace livekit::test
