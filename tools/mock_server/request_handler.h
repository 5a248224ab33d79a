#pragma once
// The behaviour of one HTTP request, decided without any I/O: routes, control header,
// permissions, region pin, delay, SIP failure, injected failure, populated response, in the
// order of spec/mock-server.md. The session code then waits, answers, drops or hangs.

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "method_grants.h"
#include "stats.h"

namespace livekit::mock {

/// What every listener shares, read-only once serving starts (stats is thread-safe).
struct ServerContext {
  std::vector<std::uint16_t> ports;  // actual ports, by region index
  std::string advertise_host;
  std::vector<std::string> region_urls;  // --region-urls; empty: advertise_host:port
  std::string twirp_prefix;
  std::string api_secret;
  Services services = Services::kAll;  // --services: which host's methods this mock serves
  Stats* stats = nullptr;
};

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

/// What to do with a request, and when.
struct Outcome {
  enum class Action {
    kAnswer,  // send `response` after `delay`
    kDrop,    // close the connection after `delay`, without answering
    kHang,    // never answer; keep the connection until the client closes it
    kStream,  // send `stream` over time (agent_endpoints.h), then close
  };
  Action action = Action::kAnswer;
  std::chrono::milliseconds delay{0};
  HttpResponse response;
  std::shared_ptr<struct StreamPlan> stream;  // kStream only
};

/// How long the two dialing methods ring when no delayMs is given.
inline constexpr std::chrono::milliseconds kNaturalDialLatency{11000};
/// How long a legacy failMode "delay" region stalls when no delay is given.
inline constexpr std::chrono::milliseconds kLegacyFailDelay{30000};

/// Decides the answer of the listener `region_index` to `request`.
Outcome HandleRequest(const ServerContext& context, std::size_t region_index, const HttpRequest& request);

/// A complete answer with a body (Content-Type, Content-Length, X-Lk-Mock-Region set; the
/// region header is empty unless the status is 2xx).
HttpResponse MakeResponse(unsigned status, std::string content_type, std::string body, std::size_t region_index,
                          unsigned version, bool keep_alive);

}  // namespace livekit::mock
