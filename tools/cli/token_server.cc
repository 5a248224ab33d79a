#include "token_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <ostream>
#include <string>

namespace lkcpp {
namespace {

constexpr std::size_t kMaxHeadBytes = 64 * 1024;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void Write(int fd, const std::string& text) {
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

// CORS: a browser app on another origin (a dev server on another port) may fetch tokens.
constexpr const char* kCorsHeaders =
    "Access-Control-Allow-Origin: *\r\nAccess-Control-Allow-Methods: POST\r\n"
    "Access-Control-Allow-Headers: Content-Type, Authorization\r\n";

// One connection at a time: a caller that stops sending gives up its turn after this long.
constexpr int kReadTimeoutSeconds = 3;

// Closes a connection so the caller reads the answer: closing with request bytes still unread
// (a body over the limit) would reset the connection and lose the answer on its way.
void CloseAfterAnswer(int fd) {
  shutdown(fd, SHUT_WR);
  char buf[4096];
  for (std::size_t drained = 0; drained < 16 * 1024 * 1024;) {
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    drained += static_cast<std::size_t>(n);
  }
  close(fd);
}

void Serve(int fd, const livekit::TokenEndpoint& endpoint, std::size_t max_body_bytes, std::ostream& log) {
  std::string data;
  char buf[4096];
  std::size_t head_end = std::string::npos;
  while (head_end == std::string::npos && data.size() < kMaxHeadBytes) {
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) return;
    data.append(buf, static_cast<std::size_t>(n));
    head_end = data.find("\r\n\r\n");
  }
  if (head_end == std::string::npos) {
    return Write(fd, "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  }
  livekit::TokenEndpointRequest request;
  request.method = data.substr(0, data.find(' '));
  for (std::size_t pos = data.find("\r\n") + 2; pos < head_end;) {
    const std::size_t eol = data.find("\r\n", pos);
    const std::size_t colon = data.find(':', pos);
    if (colon != std::string::npos && colon < eol) {
      std::string value = data.substr(colon + 1, eol - colon - 1);
      value.erase(0, value.find_first_not_of(" \t"));
      value.erase(value.find_last_not_of(" \t") + 1);
      request.headers[Lower(data.substr(pos, colon - pos))] = value;
    }
    pos = eol + 2;
  }
  if (request.method == "OPTIONS") {
    log << "OPTIONS -> 204" << std::endl;
    return Write(fd, std::string("HTTP/1.1 204 No Content\r\n") + kCorsHeaders +
                         "Content-Length: 0\r\nConnection: close\r\n\r\n");
  }
  request.content_type = request.headers["content-type"];
  // One byte past the limit is enough for the endpoint to answer 413; no need to read more.
  const std::size_t length = std::strtoull(request.headers["content-length"].c_str(), nullptr, 10);
  const std::size_t wanted = length < max_body_bytes + 1 ? length : max_body_bytes + 1;
  request.body = data.substr(head_end + 4);
  while (request.body.size() < wanted) {
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) return;
    request.body.append(buf, static_cast<std::size_t>(n));
  }
  request.body.resize(wanted);

  const livekit::TokenEndpointResponse answer = endpoint.Handle(request);
  std::string out = "HTTP/1.1 " + std::to_string(answer.status) + " \r\nContent-Type: " + answer.content_type +
                    "\r\nContent-Length: " + std::to_string(answer.body.size()) + "\r\nConnection: close\r\n" +
                    kCorsHeaders;
  for (const auto& [name, value] : answer.headers) out += name + ": " + value + "\r\n";
  Write(fd, out + "\r\n" + answer.body);
  log << request.method << " -> " << answer.status << std::endl;  // never the token
}

}  // namespace

bool ServeTokens(const livekit::TokenEndpoint& endpoint, std::size_t max_body_bytes, std::uint16_t port,
                 std::ostream& out) {
  const int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listener < 0) return false;
  const int yes = 1;
  setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // a development server: never off this machine
  socklen_t addr_len = sizeof addr;
  if (bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(listener, 16) != 0 ||
      getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &addr_len) != 0) {
    close(listener);
    return false;
  }
  out << "token server on http://127.0.0.1:" << ntohs(addr.sin_port) << "/ (development only: any caller gets any token)"
      << std::endl;
  for (;;) {
    const int fd = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    const timeval timeout{kReadTimeoutSeconds, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    Serve(fd, endpoint, max_body_bytes, out);
    CloseAfterAnswer(fd);
  }
}

}  // namespace lkcpp
