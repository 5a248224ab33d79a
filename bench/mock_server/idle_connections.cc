// Opens N keep-alive connections to a running lk-mock-server, makes one request on each, keeps
// them all open and idle, then prints the server's peak resident memory (VmHWM) and checks it
// still answers. usage: mock_server_idle_connections <port> <server pid> [connections]

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace {

// "VmHWM" or "VmRSS" of a process, in KiB; -1 when unreadable.
long StatusKiB(long pid, const std::string& key) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + ":", 0) == 0) return std::strtol(line.c_str() + key.size() + 1, nullptr, 10);
  }
  return -1;
}

int Connect(unsigned short port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  timeval tv{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

// One GET /_test/health on a kept-alive connection; true when "ok" came back.
bool Health(int fd) {
  static const std::string request = "GET /_test/health HTTP/1.1\r\nHost: bench\r\n\r\n";
  if (write(fd, request.data(), request.size()) != static_cast<ssize_t>(request.size())) return false;
  std::string answer;
  char buf[1024];
  while (answer.find("\r\n\r\nok") == std::string::npos) {
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) return false;
    answer.append(buf, static_cast<std::size_t>(n));
  }
  return answer.rfind("HTTP/1.1 200", 0) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s <port> <server pid> [connections=10000]\n", argv[0]);
    return 2;
  }
  const auto port = static_cast<unsigned short>(std::atoi(argv[1]));
  const long pid = std::atol(argv[2]);
  const int wanted = argc > 3 ? std::atoi(argv[3]) : 10000;

  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);

  const long before = StatusKiB(pid, "VmRSS");
  std::vector<int> fds;
  fds.reserve(static_cast<std::size_t>(wanted));
  int failed = 0;
  for (int i = 0; i < wanted; ++i) {
    const int fd = Connect(port);
    if (fd < 0 || !Health(fd)) {
      ++failed;
      if (fd >= 0) close(fd);
      continue;
    }
    fds.push_back(fd);
  }
  // Every connection is now open and idle on the server; one more must still be served.
  const int probe = Connect(port);
  const bool still_serving = probe >= 0 && Health(probe);
  const long hwm = StatusKiB(pid, "VmHWM");
  const long rss = StatusKiB(pid, "VmRSS");
  std::printf("idle connections held: %zu (failed: %d)\n", fds.size(), failed);
  std::printf("server RSS before: %.1f MiB, now: %.1f MiB, peak (VmHWM): %.1f MiB\n", before / 1024.0,
              rss / 1024.0, hwm / 1024.0);
  std::printf("still serving with all of them open: %s\n", still_serving ? "yes" : "NO");
  if (probe >= 0) close(probe);
  for (int fd : fds) close(fd);
  return failed == 0 && still_serving ? 0 : 1;
}
