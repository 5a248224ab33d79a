#pragma once
// Runs nghttpx (the nghttp2 project's reverse proxy) for the duration of a test: it terminates
// TLS and HTTP/2 (ALPN h2, http/1.1 as fallback) on a loopback port and forwards every request
// to one plain-HTTP backend, an lk-mock-server region. Its access log names, for each request,
// the client's port (so one port = one connection), the protocol, the status and the
// X-Livekit-Request-Id, which is the server's own view of what the client did.
// Stops it (SIGTERM, then SIGKILL) on destruction.

#include <sys/types.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

namespace livekit::test {

/// Thrown when nghttpx could not listen because the port was taken in the meantime.
class PortTaken : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One request as nghttpx logged it.
struct AccessLine {
  int remote_port = 0;     ///< the client's port: one value per client connection
  std::string alpn;        ///< "h2" or "http/1.1"
  int status = 0;          ///< the status nghttpx sent
  std::string request_id;  ///< the X-Livekit-Request-Id header, "-" when absent
  std::string request;     ///< "POST /twirp/... HTTP/2"
};

class NghttpxProcess {
 public:
  /// Starts nghttpx on 127.0.0.1:`port` in front of 127.0.0.1:`backend_port`, serving
  /// `cert`/`key`, with `extra_args` added (e.g. "--frontend-max-requests=8"). Returns once
  /// it accepts connections. Throws PortTaken when the port is in use, std::runtime_error
  /// on any other failure (with nghttpx's error log).
  NghttpxProcess(int port, int backend_port, const std::string& cert, const std::string& key,
                 const std::vector<std::string>& extra_args = {});
  ~NghttpxProcess();
  NghttpxProcess(const NghttpxProcess&) = delete;
  NghttpxProcess& operator=(const NghttpxProcess&) = delete;

  int port() const { return port_; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }

  /// Every line of the access log so far.
  std::vector<AccessLine> AccessLog() const;
  /// Waits until the access log has at least `count` lines (false after `bound`).
  bool WaitForLines(std::size_t count, std::chrono::seconds bound = std::chrono::seconds(30)) const;
  /// Waits until the access log has a line of `request_id` whose request contains `request`
  /// (false after `bound`).
  bool WaitForLine(const std::string& request_id, const std::string& request = "ListRooms",
                   std::chrono::seconds bound = std::chrono::seconds(30)) const;

  /// Graceful stop (SIGQUIT): nghttpx closes its listener, sends GOAWAY on every connection
  /// and exits once the streams in flight are answered. Does not wait.
  void StopGracefully();
  /// Waits until the process has exited (false after `bound`).
  bool WaitForExit(std::chrono::seconds bound = std::chrono::seconds(30));
  /// Immediate stop (SIGTERM): every connection is closed at once, answered or not. Waits
  /// until the process has exited.
  void StopNow();

 private:
  std::string ErrorLog() const;
  bool Exited();
  void WaitReady();

  int port_ = 0;
  std::string dir_;  // temporary folder of the two logs
  pid_t pid_ = 0;
};

}  // namespace livekit::test
