// Token endpoint: the URL a client SDK's `TokenSource.endpoint` fetches participant tokens
// from, served with TokenEndpoint and a policy of your own. Plain POSIX sockets, one request
// per connection, so the SDK calls are the only interesting lines; put a real HTTP server
// (with TLS and your own user authentication) in front of it in production.
//
//   export LIVEKIT_URL=wss://my.livekit.cloud LIVEKIT_API_KEY=devkey LIVEKIT_API_SECRET=secret
//   ./example_token_endpoint 8081
//
// then give clients http://127.0.0.1:8081/ as their token endpoint. It listens on
// 127.0.0.1 only; port 0 picks a free port (printed on the first line).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>

#include "livekit/token_endpoint.h"

namespace {

// Who may get which token: clients choose their name and room, nothing else.
livekit::TokenDecision Policy(const livekit::TokenEndpointRequest& /*http*/, const livekit::TokenSourceRequest& asked,
                              livekit::AccessToken& token) {
  // Authenticate the caller here (e.g. a session cookie in http.headers) and set the
  // identity from who they are rather than from what they ask for.
  if (asked.has_room_config()) return livekit::TokenDecision::Refuse("room_config is chosen by the server");
  if (!asked.participant_attributes().empty()) {
    return livekit::TokenDecision::Refuse("participant_attributes are chosen by the server");
  }
  if (asked.room_name().rfind("admin", 0) == 0) return livekit::TokenDecision::Refuse("that room is private");
  livekit::VideoGrant video = *token.claims().video;  // roomJoin for the room asked for
  video.can_update_own_metadata = false;
  token.set_video_grant(video);
  return livekit::TokenDecision::Allow();
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Reads one request, lets the endpoint answer it, writes the answer.
void Serve(int fd, const livekit::TokenEndpoint& endpoint, std::size_t max_body_bytes) {
  std::string data;
  char buf[4096];
  size_t head_end = std::string::npos;
  while (head_end == std::string::npos && data.size() < 64 * 1024) {
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) return;
    data.append(buf, static_cast<size_t>(n));
    head_end = data.find("\r\n\r\n");
  }
  if (head_end == std::string::npos) return;

  livekit::TokenEndpointRequest request;
  const size_t line_end = data.find("\r\n");
  request.method = data.substr(0, data.find(' '));
  for (size_t pos = line_end + 2; pos < head_end;) {
    const size_t eol = data.find("\r\n", pos);
    const size_t colon = data.find(':', pos);
    if (colon != std::string::npos && colon < eol) {
      std::string value = data.substr(colon + 1, eol - colon - 1);
      value.erase(0, value.find_first_not_of(' '));
      request.headers[Lower(data.substr(pos, colon - pos))] = value;
    }
    pos = eol + 2;
  }
  request.content_type = request.headers["content-type"];
  // Read at most one byte past the limit: enough for the endpoint to answer 413.
  const size_t length = std::strtoul(request.headers["content-length"].c_str(), nullptr, 10);
  const size_t wanted = length < max_body_bytes + 1 ? length : max_body_bytes + 1;
  request.body = data.substr(head_end + 4);
  while (request.body.size() < wanted) {
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) return;
    request.body.append(buf, static_cast<size_t>(n));
  }
  request.body.resize(wanted);

  // The one SDK call: parse, ask the policy, mint.
  const livekit::TokenEndpointResponse answer = endpoint.Handle(request);

  std::string out = "HTTP/1.1 " + std::to_string(answer.status) + " \r\nContent-Type: " + answer.content_type +
                    "\r\nContent-Length: " + std::to_string(answer.body.size()) + "\r\nConnection: close\r\n";
  for (const auto& [name, value] : answer.headers) out += name + ": " + value + "\r\n";
  out += "\r\n" + answer.body;
  (void)!write(fd, out.data(), out.size());
  std::cout << request.method << " -> " << answer.status << std::endl;  // never the token itself
}

}  // namespace

int main(int argc, char** argv) {
  const int port = argc > 1 ? std::atoi(argv[1]) : 8081;
  livekit::TokenEndpointOptions options;  // key, secret and URL from LIVEKIT_API_KEY/SECRET/URL
  const livekit::TokenEndpoint endpoint(options, Policy);

  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  const int yes = 1;
  setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t addr_len = sizeof addr;
  if (listener < 0 || bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(listener, 16) != 0 || getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &addr_len) != 0) {
    std::cerr << "cannot listen on 127.0.0.1:" << port << "\n";
    return 1;
  }
  std::cout << "token endpoint on http://127.0.0.1:" << ntohs(addr.sin_port) << "/" << std::endl;
  char buf[4096];
  for (;;) {
    const int fd = accept(listener, nullptr, nullptr);
    if (fd < 0) continue;
    const timeval timeout{3, 0};  // one caller at a time: a silent one gives up its turn
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    Serve(fd, endpoint, options.max_body_bytes);
    // Read what the caller still sends (a body over the limit) before closing: closing with
    // unread bytes resets the connection and the caller would lose the answer.
    shutdown(fd, SHUT_WR);
    while (read(fd, buf, sizeof buf) > 0) {
    }
    close(fd);
  }
}
