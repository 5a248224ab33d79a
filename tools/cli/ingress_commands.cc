// `lkcpp ingress list|create|update|delete`: RTMP, WHIP and URL inputs published into rooms.
#include <iostream>
#include <map>
#include <memory>

#include "api_from_context.h"
#include "commands.h"
#include "request_file.h"
#include "table_printer.h"

namespace lkcpp {
namespace {

struct IngressArgs {
  std::string request_file;
  std::string ingress_id;
  std::string input;
  std::string url;
  std::string name;
  std::string room;
  std::string identity;
  std::string participant_name;
  std::string participant_metadata;
  bool enable_transcoding = false;
  bool disable_transcoding = false;
};

const std::map<std::string, livekit::IngressInput>& InputTypes() {
  static const std::map<std::string, livekit::IngressInput> types = {
      {"rtmp", livekit::RTMP_INPUT}, {"whip", livekit::WHIP_INPUT}, {"url", livekit::URL_INPUT}};
  return types;
}

std::string StatusName(const livekit::IngressInfo& info) {
  return livekit::IngressState_Status_Name(info.state().status());
}

void PrintIngress(const livekit::IngressInfo& info) {
  PrintSummary(std::cout, {{"ingress_id", info.ingress_id()},
                           {"name", info.name()},
                           {"input", livekit::IngressInput_Name(info.input_type())},
                           {"url", info.url()},
                           {"stream_key", info.stream_key()},
                           {"room", info.room_name()},
                           {"identity", info.participant_identity()},
                           {"status", StatusName(info)}});
}

int List(const IngressArgs& args, CliContext& ctx) {
  livekit::ListIngressRequest req;
  req.set_room_name(args.room);
  req.set_ingress_id(args.ingress_id);
  return RunApiCall(
      ctx, [&](auto& api) { return api.ingress().ListIngress(req); },
      [](const livekit::ListIngressResponse& r) {
        TablePrinter table({"INGRESS ID", "NAME", "INPUT", "ROOM", "IDENTITY", "STATUS"});
        for (const auto& i : r.items()) {
          table.AddRow({i.ingress_id(), i.name(), livekit::IngressInput_Name(i.input_type()), i.room_name(),
                        i.participant_identity(), StatusName(i)});
        }
        table.Print(std::cout);
      });
}

// The participant and transcoding flags that create and update share (AddParticipantOptions):
// a flag not given leaves the field as the request (file) has it.
template <typename Request>
void ApplyParticipantOptions(const IngressArgs& args, Request* req) {
  AssignIfSet(req->mutable_name(), args.name);
  AssignIfSet(req->mutable_room_name(), args.room);
  AssignIfSet(req->mutable_participant_identity(), args.identity);
  AssignIfSet(req->mutable_participant_name(), args.participant_name);
  AssignIfSet(req->mutable_participant_metadata(), args.participant_metadata);
  if (args.enable_transcoding) req->set_enable_transcoding(true);
  if (args.disable_transcoding) req->set_enable_transcoding(false);
}

int Create(const IngressArgs& args, CliContext& ctx) {
  livekit::CreateIngressRequest req;
  if (!LoadRequestFile(args.request_file, &req, ctx)) return ctx.exit_code;
  if (!args.input.empty()) req.set_input_type(InputTypes().at(args.input));
  AssignIfSet(req.mutable_url(), args.url);
  ApplyParticipantOptions(args, &req);
  std::string missing;
  if (req.room_name().empty() || req.participant_identity().empty()) missing = "--room and --identity are required";
  if (req.input_type() == livekit::URL_INPUT && req.url().empty()) missing = "--input url needs --source-url";
  if (!missing.empty()) return UsageError("ingress create: " + missing + " (or the request file)");
  return RunApiCall(
      ctx, [&](auto& api) { return api.ingress().CreateIngress(req); }, PrintIngress);
}

int Update(const IngressArgs& args, CliContext& ctx) {
  livekit::UpdateIngressRequest req;
  req.set_ingress_id(args.ingress_id);
  ApplyParticipantOptions(args, &req);
  return RunApiCall(
      ctx, [&](auto& api) { return api.ingress().UpdateIngress(req); }, PrintIngress);
}

int Delete(const IngressArgs& args, CliContext& ctx) {
  return RunApiCall(
      ctx, [&](auto& api) { return api.ingress().DeleteIngress(args.ingress_id); },
      [](const livekit::IngressInfo& r) { std::cout << "deleted " << r.ingress_id() << "\n"; });
}

// The participant and transcoding options that create and update share.
void AddParticipantOptions(CLI::App* cmd, IngressArgs& args) {
  cmd->add_option("--name", args.name, "Ingress name");
  cmd->add_option("--room", args.room, "Room to publish into");
  cmd->add_option("--identity", args.identity, "Identity of the publishing participant");
  cmd->add_option("--participant-name", args.participant_name, "Display name of the publishing participant");
  cmd->add_option("--participant-metadata", args.participant_metadata, "Metadata of the publishing participant");
  auto* enable = cmd->add_flag("--enable-transcoding", args.enable_transcoding, "Transcode the input");
  auto* disable = cmd->add_flag("--disable-transcoding", args.disable_transcoding, "Pass the input through");
  enable->excludes(disable);
}

}  // namespace

void AddIngressCommands(CLI::App& app, CliContext& ctx) {
  auto* group = AddGroup(app, "ingress", "Create, update, list and delete ingresses (RTMP, WHIP, URL)");
  auto args = std::make_shared<IngressArgs>();

  auto* list = AddCommand(group, "list", "List ingresses (id, name, input, room, identity, status)", ctx, args, List);
  list->add_option("--room", args->room, "Only this room's");
  list->add_option("--id", args->ingress_id, "Only this ingress");

  auto* create = AddCommand(group, "create", "Create an ingress; prints its URL and stream key", ctx, args, Create);
  create->add_option("request_file", args->request_file, "Optional request as proto3 JSON; flags override it")
      ->check(CLI::ExistingFile);
  create->add_option("--input", args->input, "Input type: rtmp (default), whip or url")
      ->check(CLI::IsMember({"rtmp", "whip", "url"}));
  create->add_option("--source-url", args->url, "Media URL to pull from (--input url only)");
  AddParticipantOptions(create, *args);

  auto* update = AddCommand(group, "update", "Change an ingress's name, room or participant", ctx, args, Update);
  update->add_option("ingress_id", args->ingress_id, "Ingress id")->required();
  AddParticipantOptions(update, *args);

  auto* del = AddCommand(group, "delete", "Delete an ingress", ctx, args, Delete);
  del->add_option("ingress_id", args->ingress_id, "Ingress id")->required();
}

}  // namespace lkcpp
