#pragma once
// A deliberately badly behaved HTTP server for tests: raw POSIX sockets on 127.0.0.1, a port
// the OS picks, one thread per connection. Each connection is handed to a behaviour that may
// do anything a hostile or broken server does (lie about sizes, trickle, redirect, never
// read, close at once). Every request head it read is recorded, so a test can prove what
// reached it (e.g. that a redirect target saw nothing).

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstddef>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace livekit::test {

class RawHttpServer {
 public:
  /// What the server does with one accepted connection. `stopping` turns true when the
  /// server is being destroyed: long-running behaviours must poll it and return.
  using Behaviour = std::function<void(int fd, const std::atomic<bool>& stopping, RawHttpServer& server)>;

  explicit RawHttpServer(Behaviour behaviour) : behaviour_(std::move(behaviour)) {
    listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
    if (listen_fd_ < 0) throw std::runtime_error("socket failed");
    int one = 1;
    setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(listen_fd_, 64) != 0) {
      close(listen_fd_);
      throw std::runtime_error("bind/listen on 127.0.0.1 failed");
    }
    socklen_t len = sizeof addr;
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] { AcceptLoop(); });
  }

  ~RawHttpServer() {
    stopping_.store(true);
    acceptor_.join();
    close(listen_fd_);
    std::vector<std::thread> workers;
    {
      std::lock_guard<std::mutex> lock(mu_);
      workers.swap(workers_);
    }
    for (auto& t : workers) t.join();
  }
  RawHttpServer(const RawHttpServer&) = delete;
  RawHttpServer& operator=(const RawHttpServer&) = delete;

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  /// Connections accepted so far.
  int connections() const { return connections_.load(); }
  /// Request heads (request line + headers) read by behaviours that call ReadRequest.
  std::vector<std::string> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }
  /// Body bytes the behaviours reported as sent (WriteAll adds to it).
  std::size_t bytes_sent() const { return bytes_sent_.load(); }

  /// Reads one request (head and Content-Length body), records its head. False on EOF/error.
  bool ReadRequest(int fd, const std::atomic<bool>& stopping) {
    std::string data;
    char buf[4096];
    std::size_t head_end = std::string::npos;
    while ((head_end = data.find("\r\n\r\n")) == std::string::npos) {
      if (!WaitReadable(fd, stopping)) return false;
      ssize_t n = recv(fd, buf, sizeof buf, 0);
      if (n <= 0) return false;
      data.append(buf, static_cast<std::size_t>(n));
    }
    std::string head = data.substr(0, head_end);
    std::size_t body_len = 0;
    std::string lower = head;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto cl = lower.find("\r\ncontent-length:");
    if (cl != std::string::npos) body_len = std::stoul(lower.substr(cl + 17));
    while (data.size() < head_end + 4 + body_len) {
      if (!WaitReadable(fd, stopping)) return false;
      ssize_t n = recv(fd, buf, sizeof buf, 0);
      if (n <= 0) return false;
      data.append(buf, static_cast<std::size_t>(n));
    }
    std::lock_guard<std::mutex> lock(mu_);
    requests_.push_back(std::move(head));
    return true;
  }

  /// Writes everything; false when the peer is gone.
  bool WriteAll(int fd, const std::string& data, bool count_as_body = false) {
    std::size_t off = 0;
    while (off < data.size()) {
      ssize_t n = send(fd, data.data() + off, data.size() - off, MSG_NOSIGNAL);
      if (n <= 0) return false;
      off += static_cast<std::size_t>(n);
      if (count_as_body) bytes_sent_.fetch_add(static_cast<std::size_t>(n));
    }
    return true;
  }

  /// Waits up to `ms` or until stopping; for behaviours that stall on purpose.
  static bool Pause(const std::atomic<bool>& stopping, int ms) {
    for (int waited = 0; waited < ms; waited += 10) {
      if (stopping.load()) return false;
      usleep(10000);
    }
    return !stopping.load();
  }

  /// Blocks until the peer closes (or stopping): holds a connection open without reading it.
  static void WaitForPeerClose(int fd, const std::atomic<bool>& stopping) {
    while (!stopping.load()) {
      pollfd p{fd, POLLRDHUP, 0};
      if (poll(&p, 1, 20) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR))) return;
    }
  }

 private:
  static bool WaitReadable(int fd, const std::atomic<bool>& stopping) {
    while (!stopping.load()) {
      pollfd p{fd, POLLIN, 0};
      int r = poll(&p, 1, 20);
      if (r > 0) return true;
      if (r < 0 && errno != EINTR) return false;
    }
    return false;
  }

  void AcceptLoop() {
    while (!stopping_.load()) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (poll(&p, 1, 20) <= 0) continue;
      int fd = accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) continue;
      connections_.fetch_add(1);
      std::lock_guard<std::mutex> lock(mu_);
      workers_.emplace_back([this, fd] {
        behaviour_(fd, stopping_, *this);
        close(fd);
      });
    }
  }

  Behaviour behaviour_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  std::atomic<std::size_t> bytes_sent_{0};
  mutable std::mutex mu_;
  std::vector<std::string> requests_;
  std::vector<std::thread> workers_;
  std::thread acceptor_;
};

}  // namespace livekit::test
