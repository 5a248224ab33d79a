#pragma once
// Runs lk-mock-server on free loopback ports for the duration of a test and reads the ports
// it picked from its "ready" lines. Stops it (SIGTERM, then SIGKILL) on destruction.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace livekit::testing {

class MockServerProcess {
 public:
  /// Starts the server with `regions` listeners on ports the OS picks.
  explicit MockServerProcess(int regions = 1, std::vector<std::string> extra_args = {}) {
    std::string ports;
    for (int i = 0; i < regions; ++i) ports += (i ? ",0" : "0");
    std::vector<std::string> args = {LK_MOCK_SERVER_PATH, "--ports", ports, "--bind", "127.0.0.1"};
    for (auto& a : extra_args) args.push_back(a);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
      throw std::runtime_error("cannot start lk-mock-server");
    }
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    out_fd_ = fds[0];
    ReadPorts(regions);
  }

  ~MockServerProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      for (int i = 0; i < 200; ++i) {
        if (waitpid(pid_, nullptr, WNOHANG) == pid_) { pid_ = 0; break; }
        usleep(10000);
      }
      if (pid_ > 0) { kill(pid_, SIGKILL); waitpid(pid_, nullptr, 0); }
    }
    if (out_fd_ >= 0) close(out_fd_);
  }
  MockServerProcess(const MockServerProcess&) = delete;
  MockServerProcess& operator=(const MockServerProcess&) = delete;

  int port(int region = 0) const { return ports_.at(static_cast<std::size_t>(region)); }
  std::string url(int region = 0) const { return "http://127.0.0.1:" + std::to_string(port(region)); }

 private:
  // Lines look like "lk-mock-server: region-0 ready on 127.0.0.1:41234 (http://127.0.0.1:41234)".
  void ReadPorts(int regions) {
    ports_.assign(static_cast<std::size_t>(regions), 0);
    std::string buffer;
    int found = 0;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (found < regions) {
      if (std::chrono::steady_clock::now() > until) throw std::runtime_error("lk-mock-server did not get ready");
      pollfd p{out_fd_, POLLIN, 0};
      if (poll(&p, 1, 1000) <= 0) continue;
      char chunk[512];
      ssize_t n = read(out_fd_, chunk, sizeof chunk);
      if (n <= 0) throw std::runtime_error("lk-mock-server exited before getting ready");
      buffer.append(chunk, static_cast<std::size_t>(n));
      std::size_t nl;
      while ((nl = buffer.find('\n')) != std::string::npos) {
        std::string line = buffer.substr(0, nl);
        buffer.erase(0, nl + 1);
        auto r = line.find("region-");
        auto on = line.find(" ready on ");
        if (r == std::string::npos || on == std::string::npos) continue;
        int index = std::atoi(line.c_str() + r + 7);
        auto colon = line.find(':', on + 10);
        if (index < 0 || index >= regions || colon == std::string::npos) continue;
        ports_[static_cast<std::size_t>(index)] = std::atoi(line.c_str() + colon + 1);
        ++found;
      }
    }
  }

  pid_t pid_ = 0;
  int out_fd_ = -1;
  std::vector<int> ports_;
};

}  // namespace livekit::testing
