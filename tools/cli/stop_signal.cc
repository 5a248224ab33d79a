#include "stop_signal.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>

namespace lkcpp {
namespace {

volatile sig_atomic_t g_write_fd = -1;
struct sigaction g_old_int;
struct sigaction g_old_term;

void OnSignal(int) {
  const int saved = errno;
  const char byte = 'i';
  if (g_write_fd >= 0) (void)!::write(g_write_fd, &byte, 1);
  errno = saved;
}

}  // namespace

StopSignal::StopSignal() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return;
  read_fd_ = fds[0];
  write_fd_ = fds[1];
  g_write_fd = write_fd_;
  struct sigaction sa = {};
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  ::sigaction(SIGINT, &sa, &g_old_int);
  ::sigaction(SIGTERM, &sa, &g_old_term);
}

StopSignal::~StopSignal() {
  if (read_fd_ < 0) return;
  ::sigaction(SIGINT, &g_old_int, nullptr);
  ::sigaction(SIGTERM, &g_old_term, nullptr);
  g_write_fd = -1;
  ::close(read_fd_);
  ::close(write_fd_);
}

void StopSignal::Notify() {
  const char byte = 'n';
  if (write_fd_ >= 0) (void)!::write(write_fd_, &byte, 1);
}

bool StopSignal::Wait() {
  if (read_fd_ < 0) return false;
  char byte = 0;
  for (;;) {
    const ssize_t n = ::read(read_fd_, &byte, 1);
    if (n == 1) return byte == 'i';
    if (n < 0 && errno == EINTR) continue;
    return false;
  }
}

}  // namespace lkcpp
