#pragma once
// Runs lkcpp with arguments and an environment, capturing stdout and the exit code.

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>
#include <vector>

namespace lkcpp::testing {

struct Run {
  int exit_code = -1;
  std::string out;  ///< stdout with the trailing newline removed
};

inline std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// Runs `env -i <env...> lkcpp <args...>` (a clean environment, so no LIVEKIT_* leaks in).
inline Run Lkcpp(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
  std::string cmd = "env -i";
  for (const auto& e : env) cmd += " " + Quote(e);
  cmd += " " + Quote(LKCPP_BINARY);
  for (const auto& a : args) cmd += " " + Quote(a);
  cmd += " 2>/dev/null";
  Run r;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
  const int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  while (!r.out.empty() && r.out.back() == '\n') r.out.pop_back();
  return r;
}

}  // namespace lkcpp::testing
