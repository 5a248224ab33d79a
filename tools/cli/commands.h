#pragma once
// One registration function per command group (one topic); each is defined in its own file,
// <topic>_commands.cc, and called from main.cc. To add a group: declare it here, define it in
// <topic>_commands.cc, call it in main.cc.

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "cli_context.h"

namespace lkcpp {

/// Adds the command group `name` (`lkcpp room ...`), which needs one of its subcommands.
inline CLI::App* AddGroup(CLI::App& app, const std::string& name, const std::string& description) {
  auto* group = app.add_subcommand(name, description);
  group->require_subcommand(1);
  return group;
}

/// Adds the subcommand `name` to `group`; running it sets ctx.command to its path ("sip
/// inbound create") and calls `run(*args, ctx)`, whose result is the exit code. `args` holds
/// what the subcommand's options fill.
template <typename Args>
CLI::App* AddCommand(CLI::App* group, const std::string& name, const std::string& description, CliContext& ctx,
                     std::shared_ptr<Args> args, int (*run)(const Args&, CliContext&)) {
  auto* command = group->add_subcommand(name, description);
  std::string path = name;
  for (const CLI::App* g = group; g->get_parent() != nullptr; g = g->get_parent()) path = g->get_name() + " " + path;
  command->callback([&ctx, args, run, path] {
    ctx.command = path;
    ctx.exit_code = run(*args, ctx);
  });
  return command;
}

/// `lkcpp token create|verify` (token_commands.cc).
void AddTokenCommands(CLI::App& app, CliContext& ctx);

/// `lkcpp webhook sign|verify` (webhook_commands.cc).
void AddWebhookCommands(CLI::App& app, CliContext& ctx);

/// `lkcpp room list|create|delete|update` (room_commands.cc).
void AddRoomCommands(CLI::App& app, CliContext& ctx);

/// `lkcpp participant list|remove|get|update|mute` (participant_commands.cc).
void AddParticipantCommands(CLI::App& app, CliContext& ctx);

/// `lkcpp egress list|stop|start room-composite|update-layout|update-stream` (egress_commands.cc).
void AddEgressCommands(CLI::App& app, CliContext& ctx);

/// `lkcpp dispatch create|list|get|delete` (dispatch_commands.cc).
void AddDispatchCommands(CLI::App& app, CliContext& ctx);

/// `lkcpp regions` (regions_commands.cc).
void AddRegionsCommands(CLI::App& app, CliContext& ctx);

/// `lkcpp ingress list|create|update|delete` (ingress_commands.cc).
void AddIngressCommands(CLI::App& app, CliContext& ctx);

/// `lkcpp sip inbound|outbound|dispatch list|create|update|delete`, `sip participant create|transfer`
/// (sip_commands.cc).
void AddSipCommands(CLI::App& app, CliContext& ctx);

/// `lkcpp agent list|versions|secrets|restart|rollback|delete|logs` (agent_commands.cc).
void AddAgentCommands(CLI::App& app, CliContext& ctx);

/// `lkcpp simulation create|list|get|cancel|count` (simulation_commands.cc).
void AddSimulationCommands(CLI::App& app, CliContext& ctx);

/// `lkcpp agentdb list|get|create|delete|dump` (agentdb_commands.cc).
void AddAgentDbCommands(CLI::App& app, CliContext& ctx);

}  // namespace lkcpp
