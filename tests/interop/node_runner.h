#pragma once
// Runs the Node SDK scripts of tools/node_sdk and captures their output, for interop tests.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace livekit::testing {

struct NodeResult {
  int exit_code = -1;
  std::string out;  ///< stdout, trailing newline removed
};

/// The node executable found on PATH, or empty.
inline std::string FindNode() {
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string candidate = dirs.substr(start, end - start) + "/node";
    if (end > start && ::access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return "";
}

/// Single-quotes an argument for /bin/sh.
inline std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// Fails the current test (with how to fix it) unless node and the pinned SDK are present.
inline bool NodeSdkReady() {
  if (FindNode().empty()) {
    ADD_FAILURE() << "node is not on PATH: run scripts/setup.sh";
    return false;
  }
  std::ifstream pkg(std::string(LIVEKIT_NODE_SDK_DIR) + "/node_modules/livekit-server-sdk/package.json");
  if (!pkg) {
    ADD_FAILURE() << LIVEKIT_NODE_SDK_DIR "/node_modules is missing: run scripts/setup.sh (npm ci there)";
    return false;
  }
  return true;
}

/// Runs `node <script> <args...>` in tools/node_sdk; stderr goes to the test log.
inline NodeResult RunNode(const std::string& script, const std::vector<std::string>& args) {
  std::string cmd = "cd " + ShellQuote(LIVEKIT_NODE_SDK_DIR) + " && " + ShellQuote(FindNode()) + " " +
                    ShellQuote(script);
  for (const auto& a : args) cmd += " " + ShellQuote(a);
  NodeResult r;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
  const int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  while (!r.out.empty() && (r.out.back() == '\n' || r.out.back() == '\r')) r.out.pop_back();
  return r;
}

/// A file in a fresh temporary directory, removed with the object.
class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    char tmpl[] = "/tmp/lk-interop-XXXXXX";
    const int fd = ::mkstemp(tmpl);
    path_ = tmpl;
    if (fd >= 0) {
      const auto written = ::write(fd, content.data(), content.size());
      (void)written;
      ::close(fd);
    }
  }
  ~TempFile() { ::unlink(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace livekit::testing
