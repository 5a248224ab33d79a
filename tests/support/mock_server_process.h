#pragma once
// Runs the real lk-mock-server binary on free loopback ports (--ports 0,0,...) for the length
// of a test, and reads the ports it picked from its "ready" lines.

#include <signal.h>
#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace livekit::test {

/// Path of the lk-mock-server binary under test (set by CMake).
std::string MockServerBinary();

class MockServerProcess {
 public:
  /// Starts the server with `regions` listeners on 127.0.0.1 and ports the OS picks, plus
  /// `extra_args`. Throws std::runtime_error (which fails the test) when it does not get ready.
  explicit MockServerProcess(int regions = 1, std::vector<std::string> extra_args = {});
  /// Stops the server (SIGTERM, then SIGKILL when it does not exit).
  ~MockServerProcess();
  MockServerProcess(const MockServerProcess&) = delete;
  MockServerProcess& operator=(const MockServerProcess&) = delete;

  /// The port of region `region`'s listener.
  int port(int region = 0) const;
  /// "http://127.0.0.1:<port of region>".
  std::string url(int region = 0) const;
  const std::vector<std::uint16_t>& ports() const { return ports_; }
  pid_t pid() const { return pid_; }
  /// Sends `signal`, waits for the server to exit and returns its waitpid status, or -1 when
  /// it has already been stopped.
  int Stop(int signal = SIGTERM);

 private:
  void ReadPorts(int regions);

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::vector<std::uint16_t> ports_;
};

/// Runs the binary with `args` to completion (it must exit within 20 s, or it is killed);
/// returns the exit code (-1 when killed) and fills `output` with stdout and stderr.
int RunMockServer(const std::vector<std::string>& args, std::string* output);

}  // namespace livekit::test
