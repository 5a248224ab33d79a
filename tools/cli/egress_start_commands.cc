// `lkcpp egress start room-composite`: record or stream a whole room, added to the `egress`
// group that egress_commands.cc creates. Other egress types take a request file through
// `egress start room-composite`'s siblings in LiveKit's CLI; here the room composite (the
// everyday one) is offered with flags, and any field through the request file.
#include <iostream>
#include <memory>

#include "api_from_context.h"
#include "commands.h"
#include "request_file.h"
#include "table_printer.h"

namespace lkcpp {
namespace {

struct EgressStartArgs {
  std::string request_file;
  std::string room;
  std::string layout;
  bool audio_only = false;
  bool video_only = false;
  std::string file;
  std::vector<std::string> streams;
};

int StartRoomComposite(const EgressStartArgs& args, CliContext& ctx) {
  livekit::RoomCompositeEgressRequest req;
  if (!LoadRequestFile(args.request_file, &req, ctx)) return ctx.exit_code;
  if (!args.room.empty()) req.set_room_name(args.room);
  if (!args.layout.empty()) req.set_layout(args.layout);
  if (args.audio_only) req.set_audio_only(true);
  if (args.video_only) req.set_video_only(true);
  if (!args.file.empty()) req.add_file_outputs()->set_filepath(args.file);
  if (!args.streams.empty()) {
    auto* stream = req.add_stream_outputs();
    for (const auto& url : args.streams) stream->add_urls(url);
  }
  const bool has_output = req.file_outputs_size() + req.stream_outputs_size() + req.segment_outputs_size() +
                              req.image_outputs_size() > 0 ||
                          req.output_case() != livekit::RoomCompositeEgressRequest::OUTPUT_NOT_SET;
  if (req.room_name().empty() || !has_output) {
    std::cerr << "lkcpp: egress start room-composite: a room and an output (--file or --stream) are required "
                 "(or the request file)\n";
    return kExitUsage;
  }
  auto api = ApiFromContext(ctx);
  if (!api) return ctx.exit_code;
  auto r = api->egress().StartRoomCompositeEgress(req);
  if (!r.ok()) return ReportCallError(ctx, "egress start room-composite", r.error());
  if (ctx.json) {
    PrintJson(ctx, *r);
  } else {
    PrintSummary(std::cout, {{"egress_id", r->egress_id()},
                             {"room", r->room_name()},
                             {"status", livekit::EgressStatus_Name(r->status())}});
  }
  return kExitOk;
}

}  // namespace

void AddEgressStartCommands(CLI::App& app, CliContext& ctx) {
  auto* egress = app.get_subcommand("egress");
  auto* start = egress->add_subcommand("start", "Start an egress");
  start->require_subcommand(1);
  auto args = std::make_shared<EgressStartArgs>();

  auto* composite = start->add_subcommand("room-composite", "Record or stream a room's composed layout");
  composite->add_option("request_file", args->request_file,
                        "Optional RoomCompositeEgressRequest as proto3 JSON; flags override it")
      ->check(CLI::ExistingFile);
  composite->add_option("--room", args->room, "Room name");
  composite->add_option("--layout", args->layout, "Layout: grid, speaker, single-speaker, ...");
  auto* audio = composite->add_flag("--audio-only", args->audio_only, "Audio only");
  auto* video = composite->add_flag("--video-only", args->video_only, "Video only");
  audio->excludes(video);
  composite->add_option("--file", args->file, "Record to this file path (on the egress's storage)");
  composite->add_option("--stream", args->streams, "Stream to this RTMP/SRT URL (repeatable)");
  composite->callback([args, &ctx] { ctx.exit_code = StartRoomComposite(*args, ctx); });
}

}  // namespace lkcpp
