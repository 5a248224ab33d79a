// `lkcpp egress update-layout|update-stream`: change a running egress, added to the `egress`
// group that egress_commands.cc creates.
#include <iostream>
#include <memory>

#include "api_from_context.h"
#include "commands.h"
#include "table_printer.h"

namespace lkcpp {
namespace {

struct EgressUpdateArgs {
  std::string egress_id;
  std::string layout;
  std::vector<std::string> add_urls;
  std::vector<std::string> remove_urls;
};

int PrintEgress(const CliContext& ctx, const livekit::EgressInfo& info) {
  if (ctx.json) {
    PrintJson(ctx, info);
  } else {
    PrintSummary(std::cout, {{"egress_id", info.egress_id()},
                             {"room", info.room_name()},
                             {"status", livekit::EgressStatus_Name(info.status())}});
  }
  return kExitOk;
}

int UpdateLayout(const EgressUpdateArgs& args, CliContext& ctx) {
  auto api = ApiFromContext(ctx);
  if (!api) return ctx.exit_code;
  livekit::UpdateLayoutRequest req;
  req.set_egress_id(args.egress_id);
  req.set_layout(args.layout);
  auto r = api->egress().UpdateLayout(req);
  if (!r.ok()) return ReportCallError(ctx, "egress update-layout", r.error());
  return PrintEgress(ctx, *r);
}

int UpdateStream(const EgressUpdateArgs& args, CliContext& ctx) {
  if (args.add_urls.empty() && args.remove_urls.empty()) {
    std::cerr << "lkcpp: egress update-stream: give --add-url or --remove-url\n";
    return kExitUsage;
  }
  auto api = ApiFromContext(ctx);
  if (!api) return ctx.exit_code;
  livekit::UpdateStreamRequest req;
  req.set_egress_id(args.egress_id);
  for (const auto& u : args.add_urls) req.add_add_output_urls(u);
  for (const auto& u : args.remove_urls) req.add_remove_output_urls(u);
  auto r = api->egress().UpdateStream(req);
  if (!r.ok()) return ReportCallError(ctx, "egress update-stream", r.error());
  return PrintEgress(ctx, *r);
}

}  // namespace

void AddEgressUpdateCommands(CLI::App& app, CliContext& ctx) {
  auto* egress = app.get_subcommand("egress");
  auto args = std::make_shared<EgressUpdateArgs>();

  auto* layout = egress->add_subcommand("update-layout", "Change the layout of a room-composite egress");
  layout->add_option("egress_id", args->egress_id, "Egress id")->required();
  layout->add_option("layout", args->layout, "New layout: grid, speaker, single-speaker, ...")->required();
  layout->callback([args, &ctx] { ctx.exit_code = UpdateLayout(*args, ctx); });

  auto* stream = egress->add_subcommand("update-stream", "Add or remove the stream URLs of a streaming egress");
  stream->add_option("egress_id", args->egress_id, "Egress id")->required();
  stream->add_option("--add-url", args->add_urls, "Start streaming to this URL (repeatable)");
  stream->add_option("--remove-url", args->remove_urls, "Stop streaming to this URL (repeatable)");
  stream->callback([args, &ctx] { ctx.exit_code = UpdateStream(*args, ctx); });
}

}  // namespace lkcpp
