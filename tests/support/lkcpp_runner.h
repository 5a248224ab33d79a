#pragma once
// Runs the lkcpp binary under test (LKCPP_BINARY, set by CMake) in a clean environment, so no
// LIVEKIT_* variable of the machine leaks in.

#include <string>
#include <vector>

#include "support/run_program.h"

namespace livekit::test {

struct LkcppRun {
  int exit_code = -1;
  std::string out;  ///< stdout with the trailing newline removed
};

/// Runs `env -i <env...> lkcpp <args...>` with stderr where `stderr_to` says.
inline ProgramRun RunLkcpp(const std::vector<std::string>& args, const std::vector<std::string>& env,
                           Stderr stderr_to) {
  std::vector<std::string> argv = {LKCPP_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  RunOptions options;
  options.clean_env = true;
  options.env = env;
  options.stderr_to = stderr_to;
  return RunProgram(argv, options);
}

/// `env -i <env...> lkcpp <args...>`, stderr discarded.
inline LkcppRun Lkcpp(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
  ProgramRun run = RunLkcpp(args, env, Stderr::kDiscard);
  return LkcppRun{run.exit_code, TrimTrailingNewlines(std::move(run.out))};
}

/// Like Lkcpp, with stdout and stderr together and nothing trimmed (--verbose writes to stderr).
inline ProgramRun LkcppWithStderr(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
  return RunLkcpp(args, env, Stderr::kIntoOutput);
}

}  // namespace livekit::test
