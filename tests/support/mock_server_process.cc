#include "support/mock_server_process.h"

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

#include "support/run_program.h"

namespace livekit::test {
namespace {

// "lk-mock-server: region-<i> ready on <address>:<port> (<url>)" -> i and port.
bool ParseReadyLine(const std::string& line, std::size_t* index, std::uint16_t* port) {
  const std::size_t region = line.find("region-");
  const std::size_t ready = line.find(" ready on ");
  const std::size_t paren = line.find(" (", ready == std::string::npos ? 0 : ready);
  if (region == std::string::npos || ready == std::string::npos || paren == std::string::npos) return false;
  const std::size_t colon = line.rfind(':', paren);
  if (colon == std::string::npos || colon < ready) return false;
  try {
    *index = std::stoul(line.substr(region + 7, ready - region - 7));
    *port = static_cast<std::uint16_t>(std::stoul(line.substr(colon + 1, paren - colon - 1)));
  } catch (const std::exception&) {
    return false;
  }
  return true;
}

// Waits up to `tries` x 10 ms for `pid` to exit; true (and `*status` set) when it did.
bool WaitFor(pid_t pid, int tries, int* status) {
  for (int i = 0; i < tries; ++i) {
    if (waitpid(pid, status, WNOHANG) == pid) return true;
    usleep(10000);
  }
  return false;
}

}  // namespace

std::string MockServerBinary() { return LK_MOCK_SERVER_BINARY; }

MockServerProcess::MockServerProcess(int regions, std::vector<std::string> extra_args) {
  std::string ports;
  for (int i = 0; i < regions; ++i) ports += i == 0 ? "0" : ",0";
  std::vector<std::string> argv = {MockServerBinary(), "--ports", ports, "--bind", "127.0.0.1"};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  pid_ = StartProgram(argv, RunOptions{}, &stdout_fd_);
  if (pid_ <= 0) throw std::runtime_error("cannot start " + MockServerBinary());
  try {
    ReadPorts(regions);
  } catch (...) {
    Stop(SIGKILL);
    throw;
  }
}

MockServerProcess::~MockServerProcess() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  if (!WaitFor(pid_, 200, &status)) {
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
  }
  pid_ = -1;
  if (stdout_fd_ >= 0) close(stdout_fd_);
}

int MockServerProcess::port(int region) const { return ports_.at(static_cast<std::size_t>(region)); }

std::string MockServerProcess::url(int region) const { return "http://127.0.0.1:" + std::to_string(port(region)); }

int MockServerProcess::Stop(int signal) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  if (stdout_fd_ >= 0) close(stdout_fd_);
  stdout_fd_ = -1;
  return status;
}

// One "ready" line per region, in any order; generous time: start-up is fast, but CI
// machines are noisy.
void MockServerProcess::ReadPorts(int regions) {
  ports_.assign(static_cast<std::size_t>(regions), 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  std::string buffer;
  int found = 0;
  while (found < regions) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) throw std::runtime_error("lk-mock-server did not print its ready lines");
    pollfd p{stdout_fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char chunk[512];
    const ssize_t n = read(stdout_fd_, chunk, sizeof chunk);
    if (n <= 0) throw std::runtime_error("lk-mock-server exited before getting ready");
    buffer.append(chunk, static_cast<std::size_t>(n));
    for (std::size_t nl; (nl = buffer.find('\n')) != std::string::npos;) {
      const std::string line = buffer.substr(0, nl);
      buffer.erase(0, nl + 1);
      std::size_t index = 0;
      std::uint16_t port = 0;
      if (!ParseReadyLine(line, &index, &port)) throw std::runtime_error("unexpected line: " + line);
      if (index >= ports_.size()) throw std::runtime_error("unexpected region: " + line);
      ports_[index] = port;
      ++found;
    }
  }
}

int RunMockServer(const std::vector<std::string>& args, std::string* output) {
  std::vector<std::string> argv = {MockServerBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  RunOptions options;
  options.stderr_to = Stderr::kIntoOutput;
  options.timeout = std::chrono::seconds(20);
  ProgramRun run = RunProgram(argv, options);
  *output = std::move(run.out);
  return run.exit_code;
}

}  // namespace livekit::test
