// `lkcpp dispatch get|delete`, added to the `dispatch` group that dispatch_commands.cc creates.
#include <iostream>
#include <memory>

#include "api_from_context.h"
#include "commands.h"
#include "table_printer.h"

namespace lkcpp {
namespace {

struct DispatchExtraArgs {
  std::string room;
  std::string dispatch_id;
};

int Print(const CliContext& ctx, const livekit::AgentDispatch& d) {
  if (ctx.json) {
    PrintJson(ctx, d);
  } else {
    PrintSummary(std::cout, {{"id", d.id()}, {"agent", d.agent_name()}, {"room", d.room()}, {"metadata", d.metadata()}});
  }
  return kExitOk;
}

int Get(const DispatchExtraArgs& args, CliContext& ctx) {
  auto api = ApiFromContext(ctx);
  if (!api) return ctx.exit_code;
  auto r = api->agent_dispatch().GetDispatch(args.dispatch_id, args.room);
  if (!r.ok()) return ReportCallError(ctx, "dispatch get", r.error());
  return Print(ctx, *r);
}

int Delete(const DispatchExtraArgs& args, CliContext& ctx) {
  auto api = ApiFromContext(ctx);
  if (!api) return ctx.exit_code;
  auto r = api->agent_dispatch().DeleteDispatch(args.dispatch_id, args.room);
  if (!r.ok()) return ReportCallError(ctx, "dispatch delete", r.error());
  return Print(ctx, *r);
}

}  // namespace

void AddDispatchExtraCommands(CLI::App& app, CliContext& ctx) {
  auto* group = app.get_subcommand("dispatch");
  auto args = std::make_shared<DispatchExtraArgs>();

  auto* get = group->add_subcommand("get", "Show one dispatch of a room");
  get->add_option("room", args->room, "Room name")->required();
  get->add_option("dispatch_id", args->dispatch_id, "Dispatch id")->required();
  get->callback([args, &ctx] { ctx.exit_code = Get(*args, ctx); });

  auto* del = group->add_subcommand("delete", "Delete a dispatch (the agent leaves the room)");
  del->add_option("room", args->room, "Room name")->required();
  del->add_option("dispatch_id", args->dispatch_id, "Dispatch id")->required();
  del->callback([args, &ctx] { ctx.exit_code = Delete(*args, ctx); });
}

}  // namespace lkcpp
