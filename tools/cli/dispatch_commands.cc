// `lkcpp dispatch create|list`.
#include <iostream>
#include <memory>

#include "api_from_context.h"
#include "commands.h"

namespace lkcpp {
namespace {

struct DispatchArgs {
  std::string room;
  std::string agent_name;
  std::string metadata;
};

int Create(const DispatchArgs& args, CliContext& ctx) {
  auto api = ApiFromContext(ctx);
  if (!api) return ctx.exit_code;
  auto r = api->agent_dispatch().CreateDispatch(args.room, args.agent_name, args.metadata);
  if (!r.ok()) return ReportCallError(ctx, "dispatch create", r.error());
  if (ctx.json) {
    PrintJson(ctx, *r);
  } else {
    std::cout << r->id() << "\t" << r->agent_name() << "\t" << r->room() << "\n";
  }
  return kExitOk;
}

int List(const DispatchArgs& args, CliContext& ctx) {
  auto api = ApiFromContext(ctx);
  if (!api) return ctx.exit_code;
  livekit::ListAgentDispatchRequest req;
  req.set_room(args.room);
  auto r = api->agent_dispatch().ListDispatch(req);
  if (!r.ok()) return ReportCallError(ctx, "dispatch list", r.error());
  if (ctx.json) {
    PrintJson(ctx, *r);
    return kExitOk;
  }
  for (const auto& d : r->agent_dispatches()) {
    std::cout << d.id() << "\t" << d.agent_name() << "\t" << d.room() << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddDispatchCommands(CLI::App& app, CliContext& ctx) {
  auto* group = app.add_subcommand("dispatch", "Dispatch agents to rooms");
  group->require_subcommand(1);
  auto args = std::make_shared<DispatchArgs>();

  auto* create = group->add_subcommand("create", "Dispatch an agent to a room");
  create->add_option("room", args->room, "Room name")->required();
  create->add_option("agent_name", args->agent_name, "Agent name")->required();
  create->add_option("--metadata", args->metadata, "Job metadata");
  create->callback([args, &ctx] { ctx.exit_code = Create(*args, ctx); });

  auto* list = group->add_subcommand("list", "List the dispatches of a room (id, agent, room)");
  list->add_option("room", args->room, "Room name")->required();
  list->callback([args, &ctx] { ctx.exit_code = List(*args, ctx); });
}

}  // namespace lkcpp
