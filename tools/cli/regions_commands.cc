// `lkcpp regions`: the regions a URL's server lists (GET /settings/regions, as failover does),
// their reachability, and the cache state the SDK would keep for them.
#include <chrono>
#include <cstdlib>
#include <future>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "api_from_context.h"
#include "commands.h"
#include "failover/discovery.h"
#include "failover/region_state_impl.h"
#include "failover/url_parts.h"
#include "livekit/access_token.h"
#include "livekit/region_state.h"
#include "transport/curl_engine.h"

namespace lkcpp {
namespace {

using Ms = std::chrono::milliseconds;

struct Probe {
  bool ok = false;
  int status = 0;
  std::string detail;
  Ms duration{0};
};

// GET {region}/: a LiveKit server (and lk-mock-server) answers it without credentials.
Probe ProbeRegion(livekit::internal::CurlEngine& engine, const std::string& origin, Ms timeout) {
  livekit::internal::HttpRequest req;
  req.verb = livekit::internal::HttpRequest::Verb::kGet;
  req.url = origin + "/";
  req.timeout = timeout;
  req.max_response_bytes = 64 * 1024;
  std::promise<livekit::internal::ExchangeResult> done;
  auto start = std::chrono::steady_clock::now();
  engine.Send(std::move(req), [&done](livekit::internal::ExchangeResult r) { done.set_value(std::move(r)); });
  auto r = done.get_future().get();
  Probe p;
  p.duration = std::chrono::duration_cast<Ms>(std::chrono::steady_clock::now() - start);
  if (r.response) {
    p.status = r.response->status;
    p.ok = r.response->status < 500;
    p.detail = "HTTP " + std::to_string(r.response->status);
  } else {
    p.detail = r.error.message();
  }
  return p;
}

int Regions(CliContext& ctx, bool probe) {
  auto options = ClientOptionsFromContext(ctx);
  if (!options.ok()) return ReportError("regions", options.error());
  livekit::ClientOptions o = std::move(*options);
  if (o.url.empty()) {
    if (const char* env = std::getenv("LIVEKIT_URL")) o.url = env;
  }
  auto origin = livekit::internal::ParseUrl(o.url);
  if (!origin) {
    std::cerr << "lkcpp: regions: a server URL is needed (--url or LIVEKIT_URL)\n";
    return kExitUsage;
  }

  // The same headers a failing call would forward: a token (any valid one), custom headers.
  livekit::internal::Headers headers;
  std::string key = !o.api_key.empty() ? o.api_key : (std::getenv("LIVEKIT_API_KEY") ? std::getenv("LIVEKIT_API_KEY") : "");
  std::string secret = !o.api_secret.empty() ? o.api_secret
                                             : (std::getenv("LIVEKIT_API_SECRET") ? std::getenv("LIVEKIT_API_SECRET") : "");
  std::string token = o.token;
  if (!key.empty() && !secret.empty()) {
    livekit::AccessToken t(key, secret);
    livekit::VideoGrant grant;
    grant.room_list = true;
    t.set_video_grant(grant).set_ttl(std::chrono::seconds(600));
    auto jwt = t.ToJwt();
    if (jwt.ok()) token = *jwt;
  }
  if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
  for (const auto& h : o.headers) headers.push_back(h);

  auto engine = std::make_shared<livekit::internal::CurlEngine>();
  auto state = std::make_shared<livekit::RegionState>();
  livekit::internal::DiscoveryParams params;
  params.origin = *origin;
  params.headers = livekit::internal::DiscoveryHeaders(headers);
  params.tls.verify = o.tls.verify;
  params.tls.ca_bundle_path = o.tls.ca_bundle_path;
  params.deadline = engine->Now() + livekit::internal::kDiscoveryTimeout;
  params.bypass_cache = true;
  std::promise<livekit::internal::DiscoveryOutcome> found;
  state->impl().discovery.Obtain(params, engine, engine,
                                 [&found](livekit::internal::DiscoveryOutcome out) { found.set_value(std::move(out)); });
  auto outcome = found.get_future().get();
  if (!outcome.ok) {
    std::cerr << "lkcpp: regions: discovery at " << origin->Origin() << "/settings/regions failed: " << outcome.detail << "\n";
    return kExitUnreachable;
  }
  auto view = state->Describe(o.url);

  std::vector<Probe> probes;
  for (const auto& r : outcome.regions) {
    probes.push_back(probe ? ProbeRegion(*engine, r.url.Origin(), Ms(2000)) : Probe{});
  }

  if (ctx.json) {
    nlohmann::json j;
    j["origin"] = origin->Origin();
    j["cache"] = {{"fresh", view.fresh}, {"max_age_s", view.fresh_for.count() / 1000}};
    j["regions"] = nlohmann::json::array();
    for (std::size_t i = 0; i < outcome.regions.size(); ++i) {
      const auto& r = outcome.regions[i];
      nlohmann::json e = {{"region", r.name}, {"url", r.url.Origin()}, {"listed_url", r.listed_url}};
      if (probe) e["probe"] = {{"ok", probes[i].ok}, {"detail", probes[i].detail}, {"ms", probes[i].duration.count()}};
      j["regions"].push_back(std::move(e));
    }
    std::cout << j.dump() << "\n";
    return kExitOk;
  }
  std::cout << "origin: " << origin->Origin() << "\n";
  if (view.fresh) {
    std::cout << "cache: fresh for " << (view.fresh_for.count() + 500) / 1000 << " s (Cache-Control max-age)\n";
  } else {
    std::cout << "cache: not cached (no positive max-age): fetched again on the next failover; "
                 "kept as the last known list for routing\n";
  }
  std::cout << outcome.regions.size() << " region(s), in the server's order:\n";
  for (std::size_t i = 0; i < outcome.regions.size(); ++i) {
    const auto& r = outcome.regions[i];
    std::cout << "  " << (r.name.empty() ? "(unnamed)" : r.name) << "\t" << r.url.Origin();
    if (probe) {
      std::cout << "\t" << (probes[i].ok ? "reachable" : "UNREACHABLE") << " (" << probes[i].detail << ", "
                << probes[i].duration.count() << " ms)";
    }
    std::cout << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddRegionsCommands(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("regions", "List the regions a URL's server offers for failover, with their reachability");
  auto probe = std::make_shared<bool>(true);
  // A plain flag: CLI11's "!--no-probe" form would show as "--no-probe{false}" in --help.
  cmd->add_flag_callback("--no-probe", [probe] { *probe = false; }, "Do not contact each region");
  cmd->callback([&ctx, probe] { ctx.exit_code = Regions(ctx, *probe); });
}

}  // namespace lkcpp
