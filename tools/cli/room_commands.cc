// `lkcpp room list|create|delete|update`.
#include <cstdint>
#include <iostream>
#include <memory>

#include "api_from_context.h"
#include "commands.h"
#include "duration.h"
#include "table_printer.h"

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
  livekit::ListRoomsRequest req;
  for (const auto& n : args.names) req.add_names(n);
  return RunApiCall(
      ctx, [&](auto& api) { return api.room().ListRooms(req); },
      [](const livekit::ListRoomsResponse& r) {
        for (const auto& room : r.rooms()) {
          std::cout << room.name() << "\t" << room.sid() << "\t" << room.num_participants() << " participants\n";
        }
      });
}

int Create(const RoomArgs& args, CliContext& ctx) {
  livekit::CreateRoomRequest req;
  req.set_name(args.name);
  req.set_empty_timeout(
      static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::seconds>(args.empty_timeout).count()));
  req.set_max_participants(args.max_participants);
  req.set_metadata(args.metadata);
  return RunApiCall(
      ctx, [&](auto& api) { return api.room().CreateRoom(req); },
      [](const livekit::Room& r) { std::cout << r.name() << "\t" << r.sid() << "\n"; });
}

int Delete(const RoomArgs& args, CliContext& ctx) {
  return RunApiCall(
      ctx, [&](auto& api) { return api.room().DeleteRoom(args.name); },
      [&](const livekit::DeleteRoomResponse&) { std::cout << "deleted " << args.name << "\n"; });
}

int Update(const RoomArgs& args, CliContext& ctx) {
  return RunApiCall(
      ctx, [&](auto& api) { return api.room().UpdateRoomMetadata(args.name, args.metadata); },
      [](const livekit::Room& r) {
        PrintSummary(std::cout, {{"name", r.name()}, {"sid", r.sid()}, {"metadata", r.metadata()}});
      });
}

}  // namespace

void AddRoomCommands(CLI::App& app, CliContext& ctx) {
  auto* group = AddGroup(app, "room", "List, create and delete rooms");
  auto args = std::make_shared<RoomArgs>();

  auto* list = AddCommand(group, "list", "List rooms (name, sid, participants)", ctx, args, List);
  list->add_option("--name", args->names, "Only these rooms (repeatable)");

  auto* create = AddCommand(group, "create", "Create a room (or get the existing one)", ctx, args, Create);
  create->add_option("name", args->name, "Room name")->required();
  DurationRules room_seconds;  // the server holds it as whole seconds; 0 keeps its default
  room_seconds.resolution = std::chrono::seconds(1);
  room_seconds.allow_zero = true;
  room_seconds.max = std::chrono::seconds(UINT32_MAX);
  AddDurationOption(create, "--empty-timeout", args->empty_timeout, room_seconds,
                    "How long an empty room is kept (0: the server's default)");
  create->add_option("--max-participants", args->max_participants, "Participant limit");
  create->add_option("--metadata", args->metadata, "Room metadata");

  auto* del = AddCommand(group, "delete", "Delete a room, disconnecting everyone", ctx, args, Delete);
  del->add_option("name", args->name, "Room name")->required();

  auto* update = AddCommand(group, "update", "Set a room's metadata", ctx, args, Update);
  update->alias("update-metadata");
  update->add_option("name", args->name, "Room name")->required();
  update->add_option("--metadata", args->metadata, "New room metadata (replaces the old)")->required();
}

}  // namespace lkcpp
