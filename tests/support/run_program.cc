#include "support/run_program.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

extern char** environ;

namespace livekit::test {
namespace {

// The child's environment: the test's (unless clean) with `extra` set on top.
std::vector<std::string> Environment(const RunOptions& options) {
  std::vector<std::string> env;
  if (!options.clean_env) {
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) env.emplace_back(*e);
  }
  for (const auto& entry : options.env) {
    const std::size_t equals = entry.find('=');
    if (equals == std::string::npos) continue;  // not an assignment
    const std::string name = entry.substr(0, equals + 1);
    for (auto it = env.begin(); it != env.end();) {
      it = it->compare(0, name.size(), name) == 0 ? env.erase(it) : it + 1;
    }
    env.push_back(entry);
  }
  return env;
}

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

pid_t StartProgram(const std::vector<std::string>& argv, const RunOptions& options, int* stdout_fd) {
  if (stdout_fd != nullptr) *stdout_fd = -1;
  if (argv.empty()) return -1;
  // Everything the child needs is prepared before fork: between fork and exec it only calls
  // async-signal-safe functions (the test process has other threads).
  std::vector<std::string> args = argv;
  std::vector<std::string> env = Environment(options);
  std::vector<char*> arg_pointers = Pointers(args);
  std::vector<char*> env_pointers = Pointers(env);
  int fds[2] = {-1, -1};
  if (stdout_fd != nullptr && pipe2(fds, O_CLOEXEC) != 0) return -1;
  const pid_t pid = fork();
  if (pid < 0) {
    if (fds[0] >= 0) close(fds[0]);
    if (fds[1] >= 0) close(fds[1]);
    return -1;
  }
  if (pid == 0) {
    if (options.new_process_group) setpgid(0, 0);
    const int null_in = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null_in >= 0) dup2(null_in, STDIN_FILENO);
    const int null_out = open("/dev/null", O_WRONLY | O_CLOEXEC);
    const int out = fds[1] >= 0 ? fds[1] : null_out;
    if (out >= 0) dup2(out, STDOUT_FILENO);
    if (options.stderr_to == Stderr::kIntoOutput && out >= 0) dup2(out, STDERR_FILENO);
    if (options.stderr_to == Stderr::kDiscard && null_out >= 0) dup2(null_out, STDERR_FILENO);
    if (!options.dir.empty() && chdir(options.dir.c_str()) != 0) _exit(127);
    execve(arg_pointers[0], arg_pointers.data(), env_pointers.data());
    _exit(127);
  }
  // Also here: a kill(-pid) right after the start must not miss the group.
  if (options.new_process_group) setpgid(pid, pid);
  if (stdout_fd != nullptr) {
    close(fds[1]);
    *stdout_fd = fds[0];
  }
  return pid;
}

ProgramRun RunProgram(const std::vector<std::string>& argv, const RunOptions& options) {
  ProgramRun run;
  int fd = -1;
  const pid_t pid = StartProgram(argv, options, &fd);
  if (pid <= 0) return run;
  const auto deadline = std::chrono::steady_clock::now() + options.timeout;
  bool timed_out = false;
  while (true) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{fd, POLLIN, 0};
    const int ready = poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;  // the deadline check above ends the loop
    char chunk[4096];
    const ssize_t n = read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EOF: the program closed its output
    run.out.append(chunk, static_cast<std::size_t>(n));
  }
  close(fd);
  if (timed_out) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  run.exit_code = !timed_out && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string TrimTrailingNewlines(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

}  // namespace livekit::test
