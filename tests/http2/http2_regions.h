#pragma once
// lk-mock-server with N regions, each behind its own nghttpx (TLS + HTTP/2), as a LiveKit
// Cloud deployment looks to a client: the region list the mock serves names the nghttpx
// frontends (https://127.0.0.1:<nghttpx port>), not the mock's own plain-HTTP ports. The
// frontend ports are picked free before the mock starts (it must advertise them); when one
// is taken in the meantime, everything is started again on other ports.

#include <memory>
#include <string>
#include <vector>

#include "support/mock_server_process.h"
#include "http2/nghttpx_process.h"

namespace livekit::test {

class Http2Regions {
 public:
  /// Starts the mock (with `mock_args`) and one nghttpx per region (region i with
  /// `nghttpx_args[i]` when given), serving `cert`/`key`.
  Http2Regions(int regions, const std::string& cert, const std::string& key, std::vector<std::string> mock_args = {},
               std::vector<std::vector<std::string>> nghttpx_args = {});

  MockServerProcess& mock() { return *mock_; }
  NghttpxProcess& frontend(int region) { return *frontends_.at(static_cast<std::size_t>(region)); }
  /// https://127.0.0.1:<nghttpx port of `region`>
  std::string url(int region = 0) const { return frontends_.at(static_cast<std::size_t>(region))->url(); }
  /// The region whose frontend is `host` ("127.0.0.1:<port>"), -1 for none.
  int RegionOf(const std::string& host) const;

 private:
  std::unique_ptr<MockServerProcess> mock_;
  std::vector<std::unique_ptr<NghttpxProcess>> frontends_;
};

/// `count` distinct loopback ports that were free a moment ago.
std::vector<int> PickFreePorts(int count);

}  // namespace livekit::test
