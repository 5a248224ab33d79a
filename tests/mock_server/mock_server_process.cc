#include "mock_server_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>

namespace livekit::mock::testing {
namespace {

pid_t Spawn(const std::vector<std::string>& args, int* out_fd, bool merge_stderr) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return -1;
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    if (merge_stderr) dup2(fds[1], STDERR_FILENO);
    std::vector<char*> argv;
    std::string binary = MockServerBinary();
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(fds[1]);
  *out_fd = fds[0];
  return pid;
}

// Reads one line from `fd` within `deadline`; false at EOF or timeout.
bool ReadLine(int fd, std::string* line, std::chrono::steady_clock::time_point deadline) {
  line->clear();
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    char c = 0;
    if (read(fd, &c, 1) != 1) return false;
    if (c == '\n') return true;
    line->push_back(c);
  }
}

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

}  // namespace

std::string MockServerBinary() { return LK_MOCK_SERVER_BINARY; }

MockServerProcess::MockServerProcess(int regions, std::vector<std::string> extra_args) {
  Start(regions, std::move(extra_args));
}

void MockServerProcess::Start(int regions, std::vector<std::string> extra_args) {
  std::string ports;
  for (int i = 0; i < regions; ++i) ports += i == 0 ? "0" : ",0";
  std::vector<std::string> args = {"--ports", ports};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  pid_ = Spawn(args, &stdout_fd_, false);
  ASSERT_GT(pid_, 0) << "cannot start " << MockServerBinary();
  // Generous: start-up is fast, but CI machines are noisy.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  std::vector<std::uint16_t> found(static_cast<std::size_t>(regions), 0);
  for (int i = 0; i < regions; ++i) {
    std::string line;
    ASSERT_TRUE(ReadLine(stdout_fd_, &line, deadline)) << "lk-mock-server did not print its ready lines";
    std::size_t index = 0;
    std::uint16_t port = 0;
    ASSERT_TRUE(ParseReadyLine(line, &index, &port)) << "unexpected line: " << line;
    ASSERT_LT(index, found.size()) << line;
    found[index] = port;
  }
  ports_ = found;
}

MockServerProcess::~MockServerProcess() { Stop(); }

std::string MockServerProcess::Url(std::size_t index) const {
  return "http://127.0.0.1:" + std::to_string(ports_.at(index));
}

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

int RunMockServer(const std::vector<std::string>& args, std::string* output) {
  int fd = -1;
  const pid_t pid = Spawn(args, &fd, true);
  if (pid <= 0) return -1;
  output->clear();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  std::string line;
  while (ReadLine(fd, &line, deadline)) *output += line + "\n";
  *output += line;
  close(fd);
  int status = 0;
  if (std::chrono::steady_clock::now() >= deadline) kill(pid, SIGKILL);  // it should have exited
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace livekit::mock::testing
