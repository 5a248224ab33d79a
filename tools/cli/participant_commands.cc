// `lkcpp participant list|remove|get|update|mute`.
#include <google/protobuf/util/json_util.h>

#include <iostream>
#include <memory>

#include "api_from_context.h"
#include "commands.h"
#include "table_printer.h"

namespace lkcpp {
namespace {

struct ParticipantArgs {
  std::string room;
  std::string identity;
  std::string metadata;
  std::string name;
  std::string permissions_json;
  std::vector<std::string> attributes;  // key=value
  std::string track_sid;
  bool unmute = false;
};

void PrintParticipant(const livekit::ParticipantInfo& p) {
  std::vector<std::pair<std::string, std::string>> fields = {
      {"identity", p.identity()}, {"sid", p.sid()},
      {"name", p.name()},         {"state", livekit::ParticipantInfo_State_Name(p.state())},
      {"metadata", p.metadata()}, {"tracks", std::to_string(p.tracks_size())}};
  for (const auto& [key, value] : p.attributes()) fields.emplace_back("attribute " + key, value);
  PrintSummary(std::cout, fields);
}

int List(const ParticipantArgs& args, CliContext& ctx) {
  livekit::ListParticipantsRequest req;
  req.set_room(args.room);
  return RunApiCall(
      ctx, [&](auto& api) { return api.room().ListParticipants(req); },
      [](const livekit::ListParticipantsResponse& r) {
        for (const auto& p : r.participants()) std::cout << p.identity() << "\t" << p.sid() << "\t" << p.name() << "\n";
      });
}

int Remove(const ParticipantArgs& args, CliContext& ctx) {
  return RunApiCall(
      ctx, [&](auto& api) { return api.room().RemoveParticipant(args.room, args.identity); },
      [&](const livekit::RemoveParticipantResponse&) {
        std::cout << "removed " << args.identity << " from " << args.room << "\n";
      });
}

int Get(const ParticipantArgs& args, CliContext& ctx) {
  return RunApiCall(
      ctx, [&](auto& api) { return api.room().GetParticipant(args.room, args.identity); }, PrintParticipant);
}

int Update(const ParticipantArgs& args, CliContext& ctx) {
  livekit::UpdateParticipantRequest req;
  req.set_room(args.room);
  req.set_identity(args.identity);
  req.set_metadata(args.metadata);
  req.set_name(args.name);
  for (const auto& kv : args.attributes) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      return UsageError("participant update: --attribute \"" + kv + "\" is not key=value");
    }
    (*req.mutable_attributes())[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  if (!args.permissions_json.empty()) {
    auto status = google::protobuf::util::JsonStringToMessage(args.permissions_json, req.mutable_permission());
    if (!status.ok()) {
      return UsageError("participant update: --permissions is not a ParticipantPermission in JSON: " +
                        std::string(status.message()));
    }
  }
  return RunApiCall(
      ctx, [&](auto& api) { return api.room().UpdateParticipant(req); }, PrintParticipant);
}

int Mute(const ParticipantArgs& args, CliContext& ctx) {
  return RunApiCall(
      ctx,
      [&](auto& api) { return api.room().MutePublishedTrack(args.room, args.identity, args.track_sid, !args.unmute); },
      [&](const livekit::MuteRoomTrackResponse&) {
        std::cout << (args.unmute ? "unmuted " : "muted ") << args.track_sid << " of " << args.identity << " in "
                  << args.room << "\n";
      });
}

}  // namespace

void AddParticipantCommands(CLI::App& app, CliContext& ctx) {
  auto* group = AddGroup(app, "participant", "List and remove the participants of a room");
  auto args = std::make_shared<ParticipantArgs>();

  auto* list = AddCommand(group, "list", "List participants (identity, sid, name)", ctx, args, List);
  list->add_option("room", args->room, "Room name")->required();

  auto* remove = AddCommand(group, "remove", "Disconnect a participant", ctx, args, Remove);
  remove->add_option("room", args->room, "Room name")->required();
  remove->add_option("identity", args->identity, "Participant identity")->required();

  auto* get =
      AddCommand(group, "get", "Show one participant (identity, sid, state, metadata, attributes)", ctx, args, Get);
  get->add_option("room", args->room, "Room name")->required();
  get->add_option("identity", args->identity, "Participant identity")->required();

  auto* update = AddCommand(group, "update", "Change a participant's name, metadata, attributes or permissions", ctx,
                            args, Update);
  update->add_option("room", args->room, "Room name")->required();
  update->add_option("identity", args->identity, "Participant identity")->required();
  update->add_option("--metadata", args->metadata, "New metadata");
  update->add_option("--name", args->name, "New display name");
  update->add_option("--attribute", args->attributes, "Attribute to set, key=value (repeatable)");
  update->add_option("--permissions", args->permissions_json,
                     "Permissions as JSON, e.g. '{\"canPublish\":false,\"canSubscribe\":true}'");

  auto* mute = AddCommand(group, "mute", "Mute (or --unmute) a participant's published track", ctx, args, Mute);
  mute->add_option("room", args->room, "Room name")->required();
  mute->add_option("identity", args->identity, "Participant identity")->required();
  mute->add_option("track_sid", args->track_sid, "Track sid (TR_...)")->required();
  mute->add_flag("--unmute", args->unmute, "Unmute instead");
}

}  // namespace lkcpp
