#pragma once
// Runs programs for the tests (lkcpp, node, the examples, lk-mock-server, openssl): one way to
// fork and exec, with the output read back and the exit code waited for. No shell in between,
// so arguments need no quoting.

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace livekit::test {

/// Where a program's stderr goes.
enum class Stderr {
  kInherit,    // the test's own stderr (it shows in the test log)
  kDiscard,    // /dev/null
  kIntoOutput  // the same pipe as stdout, interleaved
};

struct RunOptions {
  /// "NAME=value" entries added to the environment (a later entry wins).
  std::vector<std::string> env;
  /// Starts from an empty environment instead of the test's (like `env -i`).
  bool clean_env = false;
  Stderr stderr_to = Stderr::kInherit;
  /// The working directory; empty: the test's.
  std::string dir;
  /// How long RunProgram lets the program run before it kills it (SIGKILL); the output so far
  /// is kept.
  std::chrono::milliseconds timeout = std::chrono::minutes(2);
  /// The child leads a process group of its own, so kill(-pid, ...) reaches its children too.
  bool new_process_group = false;
};

struct ProgramRun {
  /// The exit code; -1 when the program could not start or died of a signal.
  int exit_code = -1;
  std::string out;  ///< stdout (and stderr with Stderr::kIntoOutput), as written
};

/// Runs `argv` (argv[0] is the program's path) to completion, stdin /dev/null.
ProgramRun RunProgram(const std::vector<std::string>& argv, const RunOptions& options = {});

/// Starts `argv` and returns at once; the caller waits for the child. Its stdin is /dev/null;
/// its stdout is a pipe whose read end (close-on-exec) goes to `*stdout_fd`, or /dev/null when
/// `stdout_fd` is null; stderr as `options` says. Returns the child's pid, or -1 (with
/// `*stdout_fd` -1) when it could not start.
pid_t StartProgram(const std::vector<std::string>& argv, const RunOptions& options, int* stdout_fd);

/// `text` without its trailing newlines (and carriage returns).
std::string TrimTrailingNewlines(std::string text);

}  // namespace livekit::test
