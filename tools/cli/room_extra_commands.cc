// Everyday RoomService commands beyond list/create/delete, added to the `room` and
// `participant` groups that room_commands.cc and participant_commands.cc create:
// `room update`, `participant get|update|mute`.
#include <google/protobuf/util/json_util.h>

#include <iostream>
#include <memory>

#include "api_from_context.h"
#include "commands.h"
#include "table_printer.h"

namespace lkcpp {
namespace {

struct RoomExtraArgs {
  std::string room;
  std::string identity;
  std::string metadata;
  std::string name;
  std::string permissions_json;
  std::vector<std::string> attributes;  // key=value
  std::string track_sid;
  bool unmute = false;
};

void PrintParticipant(const CliContext& ctx, const livekit::ParticipantInfo& p) {
  if (ctx.json) {
    PrintJson(ctx, p);
    return;
  }
  std::vector<std::pair<std::string, std::string>> fields = {
      {"identity", p.identity()}, {"sid", p.sid()},           {"name", p.name()},
      {"state", livekit::ParticipantInfo_State_Name(p.state())}, {"metadata", p.metadata()},
      {"tracks", std::to_string(p.tracks_size())}};
  for (const auto& [key, value] : p.attributes()) fields.emplace_back("attribute " + key, value);
  PrintSummary(std::cout, fields);
}

int UpdateRoom(const RoomExtraArgs& args, CliContext& ctx) {
  auto api = ApiFromContext(ctx);
  if (!api) return ctx.exit_code;
  auto r = api->room().UpdateRoomMetadata(args.room, args.metadata);
  if (!r.ok()) return ReportCallError(ctx, "room update", r.error());
  if (ctx.json) {
    PrintJson(ctx, *r);
  } else {
    PrintSummary(std::cout, {{"name", r->name()}, {"sid", r->sid()}, {"metadata", r->metadata()}});
  }
  return kExitOk;
}

int GetParticipant(const RoomExtraArgs& args, CliContext& ctx) {
  auto api = ApiFromContext(ctx);
  if (!api) return ctx.exit_code;
  auto r = api->room().GetParticipant(args.room, args.identity);
  if (!r.ok()) return ReportCallError(ctx, "participant get", r.error());
  PrintParticipant(ctx, *r);
  return kExitOk;
}

int UpdateParticipant(const RoomExtraArgs& args, CliContext& ctx) {
  livekit::UpdateParticipantRequest req;
  req.set_room(args.room);
  req.set_identity(args.identity);
  req.set_metadata(args.metadata);
  req.set_name(args.name);
  for (const auto& kv : args.attributes) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << "lkcpp: participant update: --attribute \"" << kv << "\" is not key=value\n";
      return kExitUsage;
    }
    (*req.mutable_attributes())[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  if (!args.permissions_json.empty()) {
    auto status = google::protobuf::util::JsonStringToMessage(args.permissions_json, req.mutable_permission());
    if (!status.ok()) {
      std::cerr << "lkcpp: participant update: --permissions is not a ParticipantPermission in JSON: "
                << status.message() << "\n";
      return kExitUsage;
    }
  }
  auto api = ApiFromContext(ctx);
  if (!api) return ctx.exit_code;
  auto r = api->room().UpdateParticipant(req);
  if (!r.ok()) return ReportCallError(ctx, "participant update", r.error());
  PrintParticipant(ctx, *r);
  return kExitOk;
}

int MuteTrack(const RoomExtraArgs& args, CliContext& ctx) {
  auto api = ApiFromContext(ctx);
  if (!api) return ctx.exit_code;
  livekit::MuteRoomTrackRequest req;
  req.set_room(args.room);
  req.set_identity(args.identity);
  req.set_track_sid(args.track_sid);
  req.set_muted(!args.unmute);
  auto r = api->room().MutePublishedTrack(req);
  if (!r.ok()) return ReportCallError(ctx, "participant mute", r.error());
  if (ctx.json) {
    PrintJson(ctx, *r);
  } else {
    std::cout << (args.unmute ? "unmuted " : "muted ") << args.track_sid << " of " << args.identity << " in "
              << args.room << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddRoomExtraCommands(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<RoomExtraArgs>();

  auto* room = app.get_subcommand("room");
  auto* update = room->add_subcommand("update", "Set a room's metadata");
  update->alias("update-metadata");
  update->add_option("name", args->room, "Room name")->required();
  update->add_option("--metadata", args->metadata, "New room metadata (replaces the old)")->required();
  update->callback([args, &ctx] { ctx.exit_code = UpdateRoom(*args, ctx); });

  auto* participant = app.get_subcommand("participant");
  auto* get = participant->add_subcommand("get", "Show one participant (identity, sid, state, metadata, attributes)");
  get->add_option("room", args->room, "Room name")->required();
  get->add_option("identity", args->identity, "Participant identity")->required();
  get->callback([args, &ctx] { ctx.exit_code = GetParticipant(*args, ctx); });

  auto* upd = participant->add_subcommand("update", "Change a participant's name, metadata, attributes or permissions");
  upd->add_option("room", args->room, "Room name")->required();
  upd->add_option("identity", args->identity, "Participant identity")->required();
  upd->add_option("--metadata", args->metadata, "New metadata");
  upd->add_option("--name", args->name, "New display name");
  upd->add_option("--attribute", args->attributes, "Attribute to set, key=value (repeatable)");
  upd->add_option("--permissions", args->permissions_json,
                  "Permissions as JSON, e.g. '{\"canPublish\":false,\"canSubscribe\":true}'");
  upd->callback([args, &ctx] { ctx.exit_code = UpdateParticipant(*args, ctx); });

  auto* mute = participant->add_subcommand("mute", "Mute (or --unmute) a participant's published track");
  mute->add_option("room", args->room, "Room name")->required();
  mute->add_option("identity", args->identity, "Participant identity")->required();
  mute->add_option("track_sid", args->track_sid, "Track sid (TR_...)")->required();
  mute->add_flag("--unmute", args->unmute, "Unmute instead");
  mute->callback([args, &ctx] { ctx.exit_code = MuteTrack(*args, ctx); });
}

}  // namespace lkcpp
