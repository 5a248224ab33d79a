// DiscoverRegions (livekit/region_discovery.h): one discovery run that bypasses the cache,
// through the same coordinator and transport as a failing call, then a probe per region.
#include "livekit/region_discovery.h"

#include <cstdlib>
#include <future>
#include <memory>

#include "common/url.h"
#include "failover/discovery.h"
#include "failover/region_state_impl.h"
#include "livekit/access_token.h"
#include "transport/curl_engine.h"
#include "transport/user_transport.h"

namespace livekit {
namespace {

using internal::SteadyClock;

std::string OrEnv(const std::string& value, const char* variable) {
  if (!value.empty()) return value;
  const char* v = std::getenv(variable);
  return v == nullptr ? std::string() : std::string(v);
}

// The Authorization a failing call would forward: a token signed for listing rooms (any valid
// token serves), else the configured one.
std::string BearerToken(const ClientOptions& options) {
  const std::string key = OrEnv(options.api_key, "LIVEKIT_API_KEY");
  const std::string secret = OrEnv(options.api_secret, "LIVEKIT_API_SECRET");
  if (!key.empty() && !secret.empty()) {
    AccessToken token(key, secret);
    VideoGrant grant;
    grant.room_list = true;
    token.set_video_grant(grant).set_ttl(std::chrono::minutes(10));
    if (auto jwt = token.ToJwt(); jwt.ok()) return *jwt;
  }
  return OrEnv(options.token, "LIVEKIT_TOKEN");
}

// Sends one exchange and waits for its end (never on the transport's own thread).
internal::ExchangeResult SendAndWait(internal::Transport& transport, internal::HttpRequest request) {
  std::promise<internal::ExchangeResult> done;
  auto answer = done.get_future();
  transport.Send(std::move(request), [&done](internal::ExchangeResult r) { done.set_value(std::move(r)); });
  return answer.get();
}

// GET {region}/: a LiveKit server answers it without credentials.
RegionProbe Probe(internal::Transport& transport, const std::string& origin, const RegionDiscoveryOptions& discovery,
                  const TlsOptions& tls) {
  internal::HttpRequest req;
  req.verb = internal::HttpRequest::Verb::kGet;
  req.url = origin + "/";
  req.timeout = discovery.probe_timeout;
  req.max_response_bytes = 64 * 1024;
  req.tls = tls;
  const auto start = SteadyClock::now();
  auto r = SendAndWait(transport, std::move(req));
  RegionProbe probe;
  probe.duration = std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - start);
  if (r.response) {
    probe.http_status = r.response->status;
    probe.reachable = r.response->status < 500;
    probe.detail = "HTTP " + std::to_string(r.response->status);
  } else {
    probe.detail = r.error.message();
  }
  return probe;
}

}  // namespace

Result<RegionDiscovery> DiscoverRegions(const ClientOptions& options, const RegionDiscoveryOptions& discovery) {
  const std::string url = OrEnv(options.url, "LIVEKIT_URL");
  auto origin = internal::ParseUrl(url);
  if (url.empty() || !origin) {
    return Error(ErrorCode::kInvalidArgument, "a server URL is needed (ClientOptions::url or LIVEKIT_URL)");
  }

  // The transport a client built from these options would use.
  std::shared_ptr<internal::CurlEngine> engine =
      options.dedicated_engine ? std::make_shared<internal::CurlEngine>() : internal::SharedCurlEngine();
  if (engine->OnIoThread()) {
    return Error(ErrorCode::kInternal, "DiscoverRegions blocks: it cannot run in a completion callback");
  }
  std::shared_ptr<internal::Transport> transport = engine;
  if (options.transport) transport = internal::UserTransport::Create(options.transport, engine);
  std::shared_ptr<RegionState> state = options.failover.region_state ? options.failover.region_state
                                                                      : RegionState::Default();

  HeaderList headers;
  if (const std::string token = BearerToken(options); !token.empty()) {
    headers.emplace_back("Authorization", "Bearer " + token);
  }
  for (const auto& h : options.headers) headers.push_back(h);

  internal::DiscoveryParams params;
  params.origin = *origin;
  params.headers = internal::DiscoveryHeaders(headers);
  params.tls = options.tls;
  params.deadline = engine->Now() + internal::kDiscoveryTimeout;
  params.bypass_cache = true;
  std::promise<internal::DiscoveryOutcome> found;
  auto outcome_future = found.get_future();
  state->impl().discovery.Obtain(std::move(params), transport, engine,
                                 [&found](internal::DiscoveryOutcome out) { found.set_value(std::move(out)); });
  internal::DiscoveryOutcome outcome = outcome_future.get();
  if (!outcome.ok) {
    return Error(ErrorCode::kTransport,
                 "discovery at " + origin->Origin() + "/settings/regions failed: " + outcome.detail);
  }

  RegionDiscovery out;
  out.origin = origin->Origin();
  out.cache = state->Describe(url);
  for (const auto& r : outcome.regions) {
    DiscoveredRegion region;
    region.name = r.name;
    region.url = r.url.Origin();
    region.listed_url = r.listed_url;
    if (discovery.probe) region.probe = Probe(*transport, region.url, discovery, options.tls);
    out.regions.push_back(std::move(region));
  }
  return out;
}

}  // namespace livekit
