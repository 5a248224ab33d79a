// `lkcpp egress list|stop`.
#include <iostream>
#include <memory>

#include "api_from_context.h"
#include "commands.h"

namespace lkcpp {
namespace {

struct EgressArgs {
  std::string room;
  bool active = false;
  std::string egress_id;
};

int List(const EgressArgs& args, CliContext& ctx) {
  auto api = ApiFromContext(ctx);
  if (!api) return ctx.exit_code;
  livekit::ListEgressRequest req;
  req.set_room_name(args.room);
  req.set_active(args.active);
  auto r = api->egress().ListEgress(req);
  if (!r.ok()) return ReportCallError(ctx, "egress list", r.error());
  if (ctx.json) {
    PrintJson(ctx, *r);
    return kExitOk;
  }
  for (const auto& e : r->items()) {
    std::cout << e.egress_id() << "\t" << e.room_name() << "\t" << livekit::EgressStatus_Name(e.status()) << "\n";
  }
  return kExitOk;
}

int Stop(const EgressArgs& args, CliContext& ctx) {
  auto api = ApiFromContext(ctx);
  if (!api) return ctx.exit_code;
  auto r = api->egress().StopEgress(args.egress_id);
  if (!r.ok()) return ReportCallError(ctx, "egress stop", r.error());
  if (ctx.json) {
    PrintJson(ctx, *r);
  } else {
    std::cout << r->egress_id() << "\t" << livekit::EgressStatus_Name(r->status()) << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddEgressCommands(CLI::App& app, CliContext& ctx) {
  auto* group = app.add_subcommand("egress", "List and stop recordings and streams");
  group->require_subcommand(1);
  auto args = std::make_shared<EgressArgs>();

  auto* list = group->add_subcommand("list", "List egresses (id, room, status)");
  list->add_option("--room", args->room, "Only this room's");
  list->add_flag("--active", args->active, "Only active ones");
  list->callback([args, &ctx] { ctx.exit_code = List(*args, ctx); });

  auto* stop = group->add_subcommand("stop", "Stop an egress");
  stop->add_option("egress_id", args->egress_id, "Egress id")->required();
  stop->callback([args, &ctx] { ctx.exit_code = Stop(*args, ctx); });
}

}  // namespace lkcpp
