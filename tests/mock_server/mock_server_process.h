#pragma once
// Starts the real lk-mock-server binary on free loopback ports (--ports 0,0,0,0 ...) and
// stops it with SIGTERM. The ports are read from the server's "ready" lines.

#include <signal.h>
#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace livekit::mock::testing {

/// Path of the lk-mock-server binary under test (set by CMake).
std::string MockServerBinary();

class MockServerProcess {
 public:
  /// Starts the server with `regions` listeners on port 0 plus `extra_args`; fails the
  /// current test (and leaves ports() empty) when it does not become ready.
  explicit MockServerProcess(int regions = 4, std::vector<std::string> extra_args = {});
  ~MockServerProcess();
  MockServerProcess(const MockServerProcess&) = delete;
  MockServerProcess& operator=(const MockServerProcess&) = delete;

  const std::vector<std::uint16_t>& ports() const { return ports_; }
  /// "http://127.0.0.1:<port of region index>".
  std::string Url(std::size_t index) const;
  pid_t pid() const { return pid_; }
  /// Sends `signal` (SIGTERM by default) and returns the exit status (waitpid's), or -1.
  int Stop(int signal = SIGTERM);

 private:
  void Start(int regions, std::vector<std::string> extra_args);

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::vector<std::uint16_t> ports_;
};

/// Runs the binary with `args` to completion (it must exit within a few seconds); returns the
/// exit code and fills `output` with stdout and stderr.
int RunMockServer(const std::vector<std::string>& args, std::string* output);

}  // namespace livekit::mock::testing
