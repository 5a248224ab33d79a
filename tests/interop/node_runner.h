#pragma once
// Runs the Node SDK scripts of tools/node_sdk and captures their output, for interop tests.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "support/run_program.h"
#include "support/files.h"

namespace livekit::test {

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
  std::vector<std::string> argv = {FindNode(), script};
  argv.insert(argv.end(), args.begin(), args.end());
  RunOptions options;
  options.dir = LIVEKIT_NODE_SDK_DIR;
  ProgramRun run = RunProgram(argv, options);
  return NodeResult{run.exit_code, TrimTrailingNewlines(std::move(run.out))};
}

}  // namespace livekit::test
