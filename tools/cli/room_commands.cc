// `lkcpp room list|create|delete`.
#include <cstdint>
#include <iostream>
#include <memory>

#include "api_from_context.h"
#include "commands.h"
#include "duration.h"

namespace lkcpp {
namespace {

struct RoomArgs {
  std::vector<std::string> names;
  std::string name;
  std::chrono::milliseconds empty_timeout{0};  // 0: the server's default
  unsigned max_participants = 0;
  std::string metadata;
};

int List(const RoomArgs& args, CliContext& ctx) {
  auto api = ApiFromContext(ctx);
  if (!api) return ctx.exit_code;
  livekit::ListRoomsRequest req;
  for (const auto& n : args.names) req.add_names(n);
  auto r = api->room().ListRooms(req);
  if (!r.ok()) return ReportCallError(ctx, "room list", r.error());
  if (ctx.json) {
    PrintJson(ctx, *r);
    return kExitOk;
  }
  for (const auto& room : r->rooms()) {
    std::cout << room.name() << "\t" << room.sid() << "\t" << room.num_participants() << " participants\n";
  }
  return kExitOk;
}

int Create(const RoomArgs& args, CliContext& ctx) {
  auto api = ApiFromContext(ctx);
  if (!api) return ctx.exit_code;
  livekit::CreateRoomRequest req;
  req.set_name(args.name);
  req.set_empty_timeout(static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::seconds>(args.empty_timeout).count()));
  req.set_max_participants(args.max_participants);
  req.set_metadata(args.metadata);
  auto r = api->room().CreateRoom(req);
  if (!r.ok()) return ReportCallError(ctx, "room create", r.error());
  if (ctx.json) {
    PrintJson(ctx, *r);
  } else {
    std::cout << r->name() << "\t" << r->sid() << "\n";
  }
  return kExitOk;
}

int Delete(const RoomArgs& args, CliContext& ctx) {
  auto api = ApiFromContext(ctx);
  if (!api) return ctx.exit_code;
  auto r = api->room().DeleteRoom(args.name);
  if (!r.ok()) return ReportCallError(ctx, "room delete", r.error());
  if (ctx.json) {
    PrintJson(ctx, *r);
  } else {
    std::cout << "deleted " << args.name << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddRoomCommands(CLI::App& app, CliContext& ctx) {
  auto* group = app.add_subcommand("room", "List, create and delete rooms");
  group->require_subcommand(1);
  auto args = std::make_shared<RoomArgs>();

  auto* list = group->add_subcommand("list", "List rooms (name, sid, participants)");
  list->add_option("--name", args->names, "Only these rooms (repeatable)");
  list->callback([args, &ctx] { ctx.exit_code = List(*args, ctx); });

  auto* create = group->add_subcommand("create", "Create a room (or get the existing one)");
  create->add_option("name", args->name, "Room name")->required();
  DurationRules room_seconds;  // the server holds it as whole seconds; 0 keeps its default
  room_seconds.resolution = std::chrono::seconds(1);
  room_seconds.allow_zero = true;
  room_seconds.max = std::chrono::seconds(UINT32_MAX);
  AddDurationOption(create, "--empty-timeout", args->empty_timeout, room_seconds,
                    "How long an empty room is kept (0: the server's default)");
  create->add_option("--max-participants", args->max_participants, "Participant limit");
  create->add_option("--metadata", args->metadata, "Room metadata");
  create->callback([args, &ctx] { ctx.exit_code = Create(*args, ctx); });

  auto* del = group->add_subcommand("delete", "Delete a room, disconnecting everyone");
  del->add_option("name", args->name, "Room name")->required();
  del->callback([args, &ctx] { ctx.exit_code = Delete(*args, ctx); });
}

}  // namespace lkcpp
