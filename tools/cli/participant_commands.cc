// `lkcpp participant list|remove`.
#include <iostream>
#include <memory>

#include "api_from_context.h"
#include "commands.h"

namespace lkcpp {
namespace {

struct ParticipantArgs {
  std::string room;
  std::string identity;
};

int List(const ParticipantArgs& args, CliContext& ctx) {
  auto api = ApiFromContext(ctx);
  if (!api) return ctx.exit_code;
  livekit::ListParticipantsRequest req;
  req.set_room(args.room);
  auto r = api->room().ListParticipants(req);
  if (!r.ok()) return ReportCallError(ctx, "participant list", r.error());
  if (ctx.json) {
    PrintJson(ctx, *r);
    return kExitOk;
  }
  for (const auto& p : r->participants()) {
    std::cout << p.identity() << "\t" << p.sid() << "\t" << p.name() << "\n";
  }
  return kExitOk;
}

int Remove(const ParticipantArgs& args, CliContext& ctx) {
  auto api = ApiFromContext(ctx);
  if (!api) return ctx.exit_code;
  auto r = api->room().RemoveParticipant(args.room, args.identity);
  if (!r.ok()) return ReportCallError(ctx, "participant remove", r.error());
  if (ctx.json) {
    PrintJson(ctx, *r);
  } else {
    std::cout << "removed " << args.identity << " from " << args.room << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddParticipantCommands(CLI::App& app, CliContext& ctx) {
  auto* group = app.add_subcommand("participant", "List and remove the participants of a room");
  group->require_subcommand(1);
  auto args = std::make_shared<ParticipantArgs>();

  auto* list = group->add_subcommand("list", "List participants (identity, sid, name)");
  list->add_option("room", args->room, "Room name")->required();
  list->callback([args, &ctx] { ctx.exit_code = List(*args, ctx); });

  auto* remove = group->add_subcommand("remove", "Disconnect a participant");
  remove->add_option("room", args->room, "Room name")->required();
  remove->add_option("identity", args->identity, "Participant identity")->required();
  remove->callback([args, &ctx] { ctx.exit_code = Remove(*args, ctx); });
}

}  // namespace lkcpp
