// `lkcpp egress list|stop|start room-composite|update-layout|update-stream`: recordings and
// streams. The room composite (the everyday egress) is started with flags; any of its fields,
// through the request file.
#include <iostream>
#include <memory>

#include "api_from_context.h"
#include "commands.h"
#include "request_file.h"
#include "table_printer.h"

namespace lkcpp {
namespace {

struct EgressArgs {
  std::string room;
  bool active = false;
  std::string egress_id;
  std::string request_file;
  std::string layout;
  bool audio_only = false;
  bool video_only = false;
  std::string file;
  std::vector<std::string> streams;
  std::vector<std::string> add_urls;
  std::vector<std::string> remove_urls;
};

void PrintEgress(const livekit::EgressInfo& info) {
  PrintSummary(std::cout, {{"egress_id", info.egress_id()},
                           {"room", info.room_name()},
                           {"status", livekit::EgressStatus_Name(info.status())}});
}

int List(const EgressArgs& args, CliContext& ctx) {
  livekit::ListEgressRequest req;
  req.set_room_name(args.room);
  req.set_active(args.active);
  return RunApiCall(
      ctx, [&](auto& api) { return api.egress().ListEgress(req); },
      [](const livekit::ListEgressResponse& r) {
        for (const auto& e : r.items()) {
          std::cout << e.egress_id() << "\t" << e.room_name() << "\t" << livekit::EgressStatus_Name(e.status()) << "\n";
        }
      });
}

int Stop(const EgressArgs& args, CliContext& ctx) {
  return RunApiCall(
      ctx, [&](auto& api) { return api.egress().StopEgress(args.egress_id); },
      [](const livekit::EgressInfo& r) {
        std::cout << r.egress_id() << "\t" << livekit::EgressStatus_Name(r.status()) << "\n";
      });
}

int StartRoomComposite(const EgressArgs& args, CliContext& ctx) {
  livekit::RoomCompositeEgressRequest req;
  if (!LoadRequestFile(args.request_file, &req, ctx)) return ctx.exit_code;
  AssignIfSet(req.mutable_room_name(), args.room);
  AssignIfSet(req.mutable_layout(), args.layout);
  if (args.audio_only) req.set_audio_only(true);
  if (args.video_only) req.set_video_only(true);
  if (!args.file.empty()) req.add_file_outputs()->set_filepath(args.file);
  if (!args.streams.empty()) {
    auto* stream = req.add_stream_outputs();
    for (const auto& url : args.streams) stream->add_urls(url);
  }
  const bool has_output =
      req.file_outputs_size() + req.stream_outputs_size() + req.segment_outputs_size() + req.image_outputs_size() > 0 ||
      req.output_case() != livekit::RoomCompositeEgressRequest::OUTPUT_NOT_SET;
  if (req.room_name().empty() || !has_output) {
    return UsageError(
        "egress start room-composite: a room and an output (--file or --stream) are required "
        "(or the request file)");
  }
  return RunApiCall(
      ctx, [&](auto& api) { return api.egress().StartRoomCompositeEgress(req); }, PrintEgress);
}

int UpdateLayout(const EgressArgs& args, CliContext& ctx) {
  livekit::UpdateLayoutRequest req;
  req.set_egress_id(args.egress_id);
  req.set_layout(args.layout);
  return RunApiCall(
      ctx, [&](auto& api) { return api.egress().UpdateLayout(req); }, PrintEgress);
}

int UpdateStream(const EgressArgs& args, CliContext& ctx) {
  if (args.add_urls.empty() && args.remove_urls.empty()) {
    return UsageError("egress update-stream: give --add-url or --remove-url");
  }
  livekit::UpdateStreamRequest req;
  req.set_egress_id(args.egress_id);
  for (const auto& u : args.add_urls) req.add_add_output_urls(u);
  for (const auto& u : args.remove_urls) req.add_remove_output_urls(u);
  return RunApiCall(
      ctx, [&](auto& api) { return api.egress().UpdateStream(req); }, PrintEgress);
}

}  // namespace

void AddEgressCommands(CLI::App& app, CliContext& ctx) {
  auto* group = AddGroup(app, "egress", "List and stop recordings and streams");
  auto args = std::make_shared<EgressArgs>();

  auto* list = AddCommand(group, "list", "List egresses (id, room, status)", ctx, args, List);
  list->add_option("--room", args->room, "Only this room's");
  list->add_flag("--active", args->active, "Only active ones");

  auto* stop = AddCommand(group, "stop", "Stop an egress", ctx, args, Stop);
  stop->add_option("egress_id", args->egress_id, "Egress id")->required();

  auto* start = AddGroup(*group, "start", "Start an egress");
  auto* composite =
      AddCommand(start, "room-composite", "Record or stream a room's composed layout", ctx, args, StartRoomComposite);
  composite
      ->add_option("request_file", args->request_file,
                   "Optional RoomCompositeEgressRequest as proto3 JSON; flags override it")
      ->check(CLI::ExistingFile);
  composite->add_option("--room", args->room, "Room name");
  composite->add_option("--layout", args->layout, "Layout: grid, speaker, single-speaker, ...");
  auto* audio = composite->add_flag("--audio-only", args->audio_only, "Audio only");
  auto* video = composite->add_flag("--video-only", args->video_only, "Video only");
  audio->excludes(video);
  composite->add_option("--file", args->file, "Record to this file path (on the egress's storage)");
  composite->add_option("--stream", args->streams, "Stream to this RTMP/SRT URL (repeatable)");

  auto* layout =
      AddCommand(group, "update-layout", "Change the layout of a room-composite egress", ctx, args, UpdateLayout);
  layout->add_option("egress_id", args->egress_id, "Egress id")->required();
  layout->add_option("layout", args->layout, "New layout: grid, speaker, single-speaker, ...")->required();

  auto* stream = AddCommand(group, "update-stream", "Add or remove the stream URLs of a streaming egress", ctx, args,
                            UpdateStream);
  stream->add_option("egress_id", args->egress_id, "Egress id")->required();
  stream->add_option("--add-url", args->add_urls, "Start streaming to this URL (repeatable)");
  stream->add_option("--remove-url", args->remove_urls, "Stop streaming to this URL (repeatable)");
}

}  // namespace lkcpp
