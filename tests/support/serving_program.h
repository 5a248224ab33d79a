#pragma once
// A program that serves HTTP on a loopback port it picks and names on its first line of output
// ("... http://127.0.0.1:PORT/ ..."): the example endpoints and `lkcpp token serve`. Started
// with its own environment, its later output readable, killed when the test ends.

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/run_program.h"

namespace livekit::test {

class ServingProgram {
 public:
  /// Starts `argv` with only `env` as its environment and waits (at most 20 s) for its address.
  ServingProgram(const std::vector<std::string>& argv, std::vector<std::string> env,
                 Stderr stderr_to = Stderr::kInherit) {
    RunOptions options;
    options.clean_env = true;
    options.env = std::move(env);
    options.stderr_to = stderr_to;
    pid_ = StartProgram(argv, options, &stdout_fd_);
    if (pid_ < 0) throw std::runtime_error("cannot start " + argv[0]);
    WaitForOutput("\n", std::chrono::seconds(20));
    const std::string line = out_.substr(0, out_.find('\n'));
    const std::string marker = "http://127.0.0.1:";
    const auto at = line.find(marker);
    if (at == std::string::npos) throw std::runtime_error("no address in: " + line);
    url_ = marker + std::to_string(std::stoi(line.substr(at + marker.size()))) + "/";
  }
  ~ServingProgram() {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    close(stdout_fd_);
  }
  ServingProgram(const ServingProgram&) = delete;
  ServingProgram& operator=(const ServingProgram&) = delete;

  /// "http://127.0.0.1:PORT/".
  const std::string& url() const { return url_; }

  /// Everything the program has written, once it contains `text` or `within` has passed (or
  /// the program has closed its output).
  const std::string& WaitForOutput(const std::string& text,
                                   std::chrono::milliseconds within = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + within;
    while (out_.find(text) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      pollfd p{stdout_fd_, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      char chunk[256];
      const ssize_t n = read(stdout_fd_, chunk, sizeof chunk);
      if (n <= 0) break;
      out_.append(chunk, static_cast<std::size_t>(n));
    }
    return out_;
  }

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string out_;
  std::string url_;
};

}  // namespace livekit::test
