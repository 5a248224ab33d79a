// `lkcpp dispatch create|list|get|delete`: agents dispatched to rooms.
#include <iostream>
#include <memory>

#include "api_from_context.h"
#include "commands.h"
#include "table_printer.h"

namespace lkcpp {
namespace {

struct DispatchArgs {
  std::string room;
  std::string agent_name;
  std::string metadata;
  std::string dispatch_id;
};

void PrintLine(const livekit::AgentDispatch& d) {
  std::cout << d.id() << "\t" << d.agent_name() << "\t" << d.room() << "\n";
}

void PrintDispatch(const livekit::AgentDispatch& d) {
  PrintSummary(std::cout, {{"id", d.id()}, {"agent", d.agent_name()}, {"room", d.room()}, {"metadata", d.metadata()}});
}

int Create(const DispatchArgs& args, CliContext& ctx) {
  return RunApiCall(
      ctx, [&](auto& api) { return api.agent_dispatch().CreateDispatch(args.room, args.agent_name, args.metadata); },
      PrintLine);
}

int List(const DispatchArgs& args, CliContext& ctx) {
  livekit::ListAgentDispatchRequest req;
  req.set_room(args.room);
  return RunApiCall(
      ctx, [&](auto& api) { return api.agent_dispatch().ListDispatch(req); },
      [](const livekit::ListAgentDispatchResponse& r) {
        for (const auto& d : r.agent_dispatches()) PrintLine(d);
      });
}

int Get(const DispatchArgs& args, CliContext& ctx) {
  return RunApiCall(
      ctx, [&](auto& api) { return api.agent_dispatch().GetDispatch(args.dispatch_id, args.room); }, PrintDispatch);
}

int Delete(const DispatchArgs& args, CliContext& ctx) {
  return RunApiCall(
      ctx, [&](auto& api) { return api.agent_dispatch().DeleteDispatch(args.dispatch_id, args.room); }, PrintDispatch);
}

}  // namespace

void AddDispatchCommands(CLI::App& app, CliContext& ctx) {
  auto* group = AddGroup(app, "dispatch", "Dispatch agents to rooms");
  auto args = std::make_shared<DispatchArgs>();

  auto* create = AddCommand(group, "create", "Dispatch an agent to a room", ctx, args, Create);
  create->add_option("room", args->room, "Room name")->required();
  create->add_option("agent_name", args->agent_name, "Agent name")->required();
  create->add_option("--metadata", args->metadata, "Job metadata");

  auto* list = AddCommand(group, "list", "List the dispatches of a room (id, agent, room)", ctx, args, List);
  list->add_option("room", args->room, "Room name")->required();

  auto* get = AddCommand(group, "get", "Show one dispatch of a room", ctx, args, Get);
  get->add_option("room", args->room, "Room name")->required();
  get->add_option("dispatch_id", args->dispatch_id, "Dispatch id")->required();

  auto* del = AddCommand(group, "delete", "Delete a dispatch (the agent leaves the room)", ctx, args, Delete);
  del->add_option("room", args->room, "Room name")->required();
  del->add_option("dispatch_id", args->dispatch_id, "Dispatch id")->required();
}

}  // namespace lkcpp
