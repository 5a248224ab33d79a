// `lkcpp regions`: the regions a URL's server lists (GET /settings/regions, as failover does),
// their reachability, and the cache state the SDK would keep for them.
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

#include "api_from_context.h"
#include "commands.h"
#include "error_report.h"
#include "livekit/region_discovery.h"

namespace lkcpp {
namespace {

int Regions(CliContext& ctx, bool probe) {
  auto options = ClientOptionsFromContext(ctx);
  if (!options.ok()) return ReportError(ctx, "regions", options.error());
  livekit::RegionDiscoveryOptions discovery;
  discovery.probe = probe;
  auto found = livekit::DiscoverRegions(*options, discovery);
  if (!found.ok()) {
    if (found.error().code() == livekit::ErrorCode::kInvalidArgument) {
      return UsageError("regions: a server URL is needed (--url or LIVEKIT_URL)");
    }
    return Failure(kExitUnreachable, "regions: " + found.error().message());
  }
  const livekit::RegionDiscovery& d = *found;

  if (ctx.json) {
    nlohmann::json j;
    j["origin"] = d.origin;
    j["cache"] = {{"fresh", d.cache.fresh}, {"max_age_s", d.cache.fresh_for.count() / 1000}};
    j["regions"] = nlohmann::json::array();
    for (const auto& r : d.regions) {
      nlohmann::json e = {{"region", r.name}, {"url", r.url}, {"listed_url", r.listed_url}};
      if (r.probe) {
        e["probe"] = {{"ok", r.probe->reachable}, {"detail", r.probe->detail}, {"ms", r.probe->duration.count()}};
      }
      j["regions"].push_back(std::move(e));
    }
    std::cout << j.dump() << "\n";
    return kExitOk;
  }
  std::cout << "origin: " << d.origin << "\n";
  if (d.cache.fresh) {
    std::cout << "cache: fresh for " << (d.cache.fresh_for.count() + 500) / 1000 << " s (Cache-Control max-age)\n";
  } else {
    std::cout << "cache: not cached (no positive max-age): fetched again on the next failover; "
                 "kept as the last known list for routing\n";
  }
  std::cout << d.regions.size() << " region(s), in the server's order:\n";
  for (const auto& r : d.regions) {
    std::cout << "  " << (r.name.empty() ? "(unnamed)" : r.name) << "\t" << r.url;
    if (r.probe) {
      std::cout << "\t" << (r.probe->reachable ? "reachable" : "UNREACHABLE") << " (" << r.probe->detail << ", "
                << r.probe->duration.count() << " ms)";
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
