#include "http2/http2_regions.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace livekit::test {

std::vector<int> PickFreePorts(int count) {
  // All sockets stay bound until every port is known, so the ports are distinct.
  std::vector<int> fds, ports;
  for (int i = 0; i < count; ++i) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
      if (fd >= 0) close(fd);
      for (int f : fds) close(f);
      throw std::runtime_error("cannot pick a free loopback port");
    }
    fds.push_back(fd);
    ports.push_back(ntohs(address.sin_port));
  }
  for (int f : fds) close(f);
  return ports;
}

Http2Regions::Http2Regions(int regions, const std::string& cert, const std::string& key,
                           std::vector<std::string> mock_args, std::vector<std::vector<std::string>> nghttpx_args) {
  constexpr int kTries = 5;
  for (int attempt = 1;; ++attempt) {
    const std::vector<int> ports = PickFreePorts(regions);
    std::string urls;
    for (int p : ports) urls += (urls.empty() ? "" : ",") + std::string("https://127.0.0.1:") + std::to_string(p);
    std::vector<std::string> args = mock_args;
    args.insert(args.end(), {"--region-urls", urls});
    frontends_.clear();
    mock_ = std::make_unique<MockServerProcess>(regions, args);
    try {
      for (int i = 0; i < regions; ++i) {
        const auto index = static_cast<std::size_t>(i);
        frontends_.push_back(std::make_unique<NghttpxProcess>(
            ports[index], mock_->port(i), cert, key,
            index < nghttpx_args.size() ? nghttpx_args[index] : std::vector<std::string>{}));
      }
      return;
    } catch (const PortTaken&) {
      if (attempt == kTries) throw;
    }
  }
}

int Http2Regions::RegionOf(const std::string& host) const {
  for (std::size_t i = 0; i < frontends_.size(); ++i) {
    if (host == "127.0.0.1:" + std::to_string(frontends_[i]->port())) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace livekit::test
