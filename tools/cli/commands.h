#pragma once
// One registration function per command group; each is defined in its own file and called
// from main.cc. To add a group: declare it here, define it in <group>_commands.cc, call it
// in main.cc.

#include <CLI/CLI.hpp>

#include "cli_context.h"

namespace lkcpp {

/// `lkcpp token create|verify` (token_commands.cc).
void AddTokenCommands(CLI::App& app, CliContext& ctx);

/// `lkcpp webhook sign|verify` (webhook_commands.cc).
void AddWebhookCommands(CLI::App& app, CliContext& ctx);

/// `lkcpp room list|create|delete` (room_commands.cc).
void AddRoomCommands(CLI::App& app, CliContext& ctx);

/// `lkcpp participant list|remove` (participant_commands.cc).
void AddParticipantCommands(CLI::App& app, CliContext& ctx);

/// `lkcpp egress list|stop` (egress_commands.cc).
void AddEgressCommands(CLI::App& app, CliContext& ctx);

/// `lkcpp dispatch create|list` (dispatch_commands.cc).
void AddDispatchCommands(CLI::App& app, CliContext& ctx);

/// `lkcpp regions` (regions_commands.cc).
void AddRegionsCommands(CLI::App& app, CliContext& ctx);

/// `lkcpp ingress list|create|update|delete` (ingress_commands.cc).
void AddIngressCommands(CLI::App& app, CliContext& ctx);

/// `lkcpp sip inbound|outbound|dispatch list|create|update|delete`, `sip participant create|transfer`
/// (sip_commands.cc).
void AddSipCommands(CLI::App& app, CliContext& ctx);

/// `room update`, `participant get|update|mute` (room_extra_commands.cc); after the room and
/// participant groups.
void AddRoomExtraCommands(CLI::App& app, CliContext& ctx);

/// `egress start room-composite` (egress_start_commands.cc); after the egress group.
void AddEgressStartCommands(CLI::App& app, CliContext& ctx);

/// `egress update-layout|update-stream` (egress_update_commands.cc); after the egress group.
void AddEgressUpdateCommands(CLI::App& app, CliContext& ctx);

/// `dispatch get|delete` (dispatch_extra_commands.cc); after the dispatch group.
void AddDispatchExtraCommands(CLI::App& app, CliContext& ctx);

}  // namespace lkcpp
