// Webhooks: a minimal HTTP endpoint that receives LiveKit's webhook POSTs, authenticates
// each one with WebhookReceiver and prints the event. Plain POSIX sockets, one request per
// connection, so the SDK call is the only interesting line; put a real HTTP server (and
// TLS) in front of it in production.
//
//   LIVEKIT_API_KEY=devkey LIVEKIT_API_SECRET=secret ./example_webhook_endpoint 8080
//
// (port 0: the OS picks a free one and the first line names it), then point LiveKit's
// `webhook.urls` at http://<this host>:8080/ (the server signs each POST with the same key
// pair). It listens on 127.0.0.1 only.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "livekit/webhook_receiver.h"

namespace {

// The value of header `name` (case-insensitive) in `head`, or empty.
std::string HeaderValue(std::string_view head, std::string_view name) {
  size_t pos = 0;
  while ((pos = head.find("\r\n", pos)) != std::string_view::npos) {
    pos += 2;
    const size_t colon = head.find(':', pos);
    const size_t eol = head.find("\r\n", pos);
    if (colon == std::string_view::npos || (eol != std::string_view::npos && colon > eol)) continue;
    std::string_view key = head.substr(pos, colon - pos);
    if (key.size() != name.size()) continue;
    bool same = true;
    for (size_t i = 0; i < key.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(key[i])) != std::tolower(static_cast<unsigned char>(name[i]))) {
        same = false;
      }
    }
    if (!same) continue;
    std::string_view value = head.substr(colon + 1, (eol == std::string_view::npos ? head.size() : eol) - colon - 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    return std::string(value);
  }
  return {};
}

void Reply(int fd, const char* status) {
  const std::string answer = std::string("HTTP/1.1 ") + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
  (void)!write(fd, answer.data(), answer.size());
}

// Reads one request, hands it to the receiver, answers 200 (accepted) or 401/400.
void Serve(int fd, const livekit::WebhookReceiver& receiver) {
  std::string data;
  char buf[4096];
  size_t head_end = std::string::npos;
  while (head_end == std::string::npos && data.size() < 64 * 1024) {
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) return;
    data.append(buf, static_cast<size_t>(n));
    head_end = data.find("\r\n\r\n");
  }
  if (head_end == std::string::npos) return Reply(fd, "431 Request Header Fields Too Large");
  const std::string head = data.substr(0, head_end);
  if (head.rfind("POST ", 0) != 0) return Reply(fd, "405 Method Not Allowed");

  const size_t length = std::strtoul(HeaderValue(head, "Content-Length").c_str(), nullptr, 10);
  if (length > livekit::WebhookReceiver::kMaxBodyBytes) return Reply(fd, "413 Payload Too Large");
  std::string body = data.substr(head_end + 4);
  while (body.size() < length) {
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) return;
    body.append(buf, static_cast<size_t>(n));
  }
  body.resize(length);

  // The one SDK call: checks the token in Authorization and the body's SHA-256, then parses.
  auto event = receiver.Receive(body, HeaderValue(head, "Authorization"));
  if (!event.ok()) {
    std::cerr << "rejected: " << event.error().message() << "\n";
    return Reply(fd, event.error().code() == livekit::ErrorCode::kUnauthenticated ? "401 Unauthorized"
                                                                                  : "400 Bad Request");
  }
  std::cout << event->event() << " id=" << event->id() << " room=" << event->room().name()
            << " participant=" << event->participant().identity() << std::endl;
  Reply(fd, "200 OK");
}

}  // namespace

int main(int argc, char** argv) {
  const int port = argc > 1 ? std::atoi(argv[1]) : 8080;
  const livekit::WebhookReceiver receiver;  // LIVEKIT_API_KEY / LIVEKIT_API_SECRET

  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  const int yes = 1;
  setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (listener < 0 || bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(listener, 16) != 0) {
    std::cerr << "cannot listen on 127.0.0.1:" << port << "\n";
    return 1;
  }
  socklen_t size = sizeof addr;  // port 0: the one the OS picked
  getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &size);
  std::cout << "webhook endpoint on http://127.0.0.1:" << ntohs(addr.sin_port) << "/" << std::endl;
  for (;;) {
    const int fd = accept(listener, nullptr, nullptr);
    if (fd < 0) continue;
    Serve(fd, receiver);
    close(fd);
  }
}
