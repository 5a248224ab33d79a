// `lkcpp sip inbound|outbound|dispatch list|create|update|delete`, `lkcpp sip participant create|transfer`:
// SIP trunks, dispatch rules and outbound calls. Create commands take an optional request file
// (proto3 JSON, as LiveKit's CLI does) that the flags override.
#include <iostream>
#include <map>
#include <memory>

#include "api_from_context.h"
#include "commands.h"
#include "request_file.h"
#include "table_printer.h"

namespace lkcpp {
namespace {

std::vector<std::string> ToVector(const google::protobuf::RepeatedPtrField<std::string>& field) {
  return {field.begin(), field.end()};
}

void Assign(google::protobuf::RepeatedPtrField<std::string>* field, const std::vector<std::string>& values) {
  if (values.empty()) return;  // keep what the request file said
  field->Clear();
  for (const auto& v : values) field->Add()->assign(v);
}

// ---- trunks ----

struct TrunkArgs {
  std::string direction;  // "inbound" or "outbound"
  std::string request_file;
  std::string trunk_id;
  std::vector<std::string> ids;
  std::vector<std::string> numbers;
  std::string name;
  std::string metadata;
  std::string address;
  std::string transport;
  std::vector<std::string> allowed_addresses;
  std::vector<std::string> allowed_numbers;
  std::string auth_user;
  std::string auth_pass;
};

const std::map<std::string, livekit::SIPTransport>& Transports() {
  static const std::map<std::string, livekit::SIPTransport> t = {{"auto", livekit::SIP_TRANSPORT_AUTO},
                                                                 {"udp", livekit::SIP_TRANSPORT_UDP},
                                                                 {"tcp", livekit::SIP_TRANSPORT_TCP},
                                                                 {"tls", livekit::SIP_TRANSPORT_TLS}};
  return t;
}

void PrintInbound(const livekit::SIPInboundTrunkInfo& t) {
  PrintSummary(std::cout,
               {{"trunk_id", t.sip_trunk_id()}, {"name", t.name()}, {"numbers", JoinList(ToVector(t.numbers()))}});
}

void PrintOutbound(const livekit::SIPOutboundTrunkInfo& t) {
  PrintSummary(std::cout, {{"trunk_id", t.sip_trunk_id()},
                           {"name", t.name()},
                           {"address", t.address()},
                           {"numbers", JoinList(ToVector(t.numbers()))}});
}

int ListInbound(const TrunkArgs& args, CliContext& ctx) {
  livekit::ListSIPInboundTrunkRequest req;
  Assign(req.mutable_trunk_ids(), args.ids);
  Assign(req.mutable_numbers(), args.numbers);
  return RunApiCall(
      ctx, [&](auto& api) { return api.sip().ListSIPInboundTrunk(req); },
      [](const livekit::ListSIPInboundTrunkResponse& r) {
        TablePrinter table({"TRUNK ID", "NAME", "NUMBERS", "ALLOWED ADDRESSES", "AUTH USER"});
        for (const auto& t : r.items()) {
          table.AddRow({t.sip_trunk_id(), t.name(), JoinList(ToVector(t.numbers())),
                        JoinList(ToVector(t.allowed_addresses())), t.auth_username()});
        }
        table.Print(std::cout);
      });
}

// The create flags both directions share: a flag not given keeps the request file's value.
template <typename Trunk>
void ApplyTrunkFlags(const TrunkArgs& args, Trunk* trunk) {
  AssignIfSet(trunk->mutable_name(), args.name);
  AssignIfSet(trunk->mutable_metadata(), args.metadata);
  Assign(trunk->mutable_numbers(), args.numbers);
  AssignIfSet(trunk->mutable_auth_username(), args.auth_user);
  AssignIfSet(trunk->mutable_auth_password(), args.auth_pass);
}

// The update flags both directions share. Partial updates: only the flags given change;
// --number replaces the list.
template <typename Update>
void ApplyTrunkUpdate(const TrunkArgs& args, Update* u) {
  if (!args.name.empty()) u->set_name(args.name);
  if (!args.metadata.empty()) u->set_metadata(args.metadata);
  if (!args.auth_user.empty()) u->set_auth_username(args.auth_user);
  if (!args.auth_pass.empty()) u->set_auth_password(args.auth_pass);
  if (!args.numbers.empty()) Assign(u->mutable_numbers()->mutable_set(), args.numbers);
}

int CreateInbound(const TrunkArgs& args, CliContext& ctx) {
  livekit::CreateSIPInboundTrunkRequest req;
  if (!LoadRequestFile(args.request_file, &req, ctx)) return ctx.exit_code;
  auto* trunk = req.mutable_trunk();
  ApplyTrunkFlags(args, trunk);
  Assign(trunk->mutable_allowed_addresses(), args.allowed_addresses);
  Assign(trunk->mutable_allowed_numbers(), args.allowed_numbers);
  if (trunk->name().empty()) return UsageError("sip inbound create: a name is required (--name or the request file)");
  return RunApiCall(
      ctx, [&](auto& api) { return api.sip().CreateSIPInboundTrunk(req); }, PrintInbound);
}

int ListOutbound(const TrunkArgs& args, CliContext& ctx) {
  livekit::ListSIPOutboundTrunkRequest req;
  Assign(req.mutable_trunk_ids(), args.ids);
  Assign(req.mutable_numbers(), args.numbers);
  return RunApiCall(
      ctx, [&](auto& api) { return api.sip().ListSIPOutboundTrunk(req); },
      [](const livekit::ListSIPOutboundTrunkResponse& r) {
        TablePrinter table({"TRUNK ID", "NAME", "ADDRESS", "TRANSPORT", "NUMBERS", "AUTH USER"});
        for (const auto& t : r.items()) {
          table.AddRow({t.sip_trunk_id(), t.name(), t.address(), livekit::SIPTransport_Name(t.transport()),
                        JoinList(ToVector(t.numbers())), t.auth_username()});
        }
        table.Print(std::cout);
      });
}

int CreateOutbound(const TrunkArgs& args, CliContext& ctx) {
  livekit::CreateSIPOutboundTrunkRequest req;
  if (!LoadRequestFile(args.request_file, &req, ctx)) return ctx.exit_code;
  auto* trunk = req.mutable_trunk();
  ApplyTrunkFlags(args, trunk);
  AssignIfSet(trunk->mutable_address(), args.address);
  if (!args.transport.empty()) trunk->set_transport(Transports().at(args.transport));
  if (trunk->name().empty() || trunk->address().empty() || trunk->numbers_size() == 0) {
    return UsageError("sip outbound create: --name, --address and --number are required (or the request file)");
  }
  return RunApiCall(
      ctx, [&](auto& api) { return api.sip().CreateSIPOutboundTrunk(req); }, PrintOutbound);
}

int UpdateInbound(const TrunkArgs& args, CliContext& ctx) {
  livekit::UpdateSIPInboundTrunkRequest req;
  req.set_sip_trunk_id(args.trunk_id);
  auto* u = req.mutable_update();
  ApplyTrunkUpdate(args, u);
  if (!args.allowed_addresses.empty()) Assign(u->mutable_allowed_addresses()->mutable_set(), args.allowed_addresses);
  if (!args.allowed_numbers.empty()) Assign(u->mutable_allowed_numbers()->mutable_set(), args.allowed_numbers);
  if (u->ByteSizeLong() == 0) return UsageError("sip inbound update: nothing to change");
  return RunApiCall(
      ctx, [&](auto& api) { return api.sip().UpdateSIPInboundTrunk(req); }, PrintInbound);
}

int UpdateOutbound(const TrunkArgs& args, CliContext& ctx) {
  livekit::UpdateSIPOutboundTrunkRequest req;
  req.set_sip_trunk_id(args.trunk_id);
  auto* u = req.mutable_update();
  ApplyTrunkUpdate(args, u);
  if (!args.address.empty()) u->set_address(args.address);
  if (!args.transport.empty()) u->set_transport(Transports().at(args.transport));
  if (u->ByteSizeLong() == 0 && args.transport.empty()) return UsageError("sip outbound update: nothing to change");
  return RunApiCall(
      ctx, [&](auto& api) { return api.sip().UpdateSIPOutboundTrunk(req); }, PrintOutbound);
}

int DeleteTrunk(const TrunkArgs& args, CliContext& ctx) {
  return RunApiCall(
      ctx, [&](auto& api) { return api.sip().DeleteSIPTrunk(args.trunk_id); },
      [](const livekit::SIPTrunkInfo& r) { std::cout << "deleted " << r.sip_trunk_id() << "\n"; });
}

void AddTrunkCommands(CLI::App* sip, const std::string& direction, CliContext& ctx) {
  const bool inbound = direction == "inbound";
  auto* group = AddGroup(*sip, direction,
                         inbound ? "Inbound trunks: accept calls from a SIP provider"
                                 : "Outbound trunks: place calls through a SIP provider");
  auto args = std::make_shared<TrunkArgs>();
  args->direction = direction;

  auto* list =
      AddCommand(group, "list", "List " + direction + " trunks", ctx, args, inbound ? ListInbound : ListOutbound);
  list->add_option("--id", args->ids, "Only these trunk ids (repeatable)");
  list->add_option("--number", args->numbers, "Only trunks with these numbers (repeatable)");

  auto* create = AddCommand(group, "create", "Create an " + direction + " trunk", ctx, args,
                            inbound ? CreateInbound : CreateOutbound);
  create->add_option("request_file", args->request_file, "Optional request as proto3 JSON; flags override it")
      ->check(CLI::ExistingFile);
  create->add_option("--name", args->name, "Trunk name");
  create->add_option("--metadata", args->metadata, "Trunk metadata");
  create->add_option("--number", args->numbers,
                     inbound ? "Phone number the trunk accepts calls for (repeatable)"
                             : "Phone number calls are placed from (repeatable)");
  create->add_option("--auth-user", args->auth_user, "SIP digest username");
  create->add_option("--auth-pass", args->auth_pass, "SIP digest password");
  if (inbound) {
    create->add_option("--allowed-address", args->allowed_addresses,
                       "Accept calls only from these IPs/CIDRs (repeatable)");
    create->add_option("--allowed-number", args->allowed_numbers, "Accept calls only from these callers (repeatable)");
  } else {
    create->add_option("--address", args->address, "SIP provider host[:port]");
    create->add_option("--transport", args->transport, "auto (default), udp, tcp or tls")
        ->check(CLI::IsMember({"auto", "udp", "tcp", "tls"}));
  }

  auto* update = AddCommand(group, "update", "Change an " + direction + " trunk (only the options given)", ctx, args,
                            inbound ? UpdateInbound : UpdateOutbound);
  update->add_option("trunk_id", args->trunk_id, "Trunk id (ST_...)")->required();
  update->add_option("--name", args->name, "New name");
  update->add_option("--metadata", args->metadata, "New metadata");
  update->add_option("--number", args->numbers, "Replace the numbers with these (repeatable)");
  update->add_option("--auth-user", args->auth_user, "New SIP digest username");
  update->add_option("--auth-pass", args->auth_pass, "New SIP digest password");
  if (inbound) {
    update->add_option("--allowed-address", args->allowed_addresses, "Replace the allowed IPs/CIDRs (repeatable)");
    update->add_option("--allowed-number", args->allowed_numbers, "Replace the allowed callers (repeatable)");
  } else {
    update->add_option("--address", args->address, "New SIP provider host[:port]");
    update->add_option("--transport", args->transport, "New transport: auto, udp, tcp or tls")
        ->check(CLI::IsMember({"auto", "udp", "tcp", "tls"}));
  }

  auto* del = AddCommand(group, "delete", "Delete an " + direction + " trunk", ctx, args, DeleteTrunk);
  del->add_option("trunk_id", args->trunk_id, "Trunk id (ST_...)")->required();
}

// ---- dispatch rules ----

struct RuleArgs {
  std::string request_file;
  std::string rule_id;
  std::vector<std::string> ids;
  std::vector<std::string> trunks;
  std::vector<std::string> numbers;
  std::string name;
  std::string metadata;
  std::string direct;
  std::string individual;
  std::string callee;
  std::string pin;
  bool randomize = false;
  bool hide_phone_number = false;
};

std::string RuleSummary(const livekit::SIPDispatchRule& rule) {
  if (rule.has_dispatch_rule_direct()) return "direct: " + rule.dispatch_rule_direct().room_name();
  if (rule.has_dispatch_rule_individual()) return "individual: " + rule.dispatch_rule_individual().room_prefix() + "*";
  if (rule.has_dispatch_rule_callee()) return "callee: " + rule.dispatch_rule_callee().room_prefix() + "<number>";
  return "";
}

void PrintRule(const livekit::SIPDispatchRuleInfo& r) {
  PrintSummary(std::cout, {{"rule_id", r.sip_dispatch_rule_id()},
                           {"name", r.name()},
                           {"trunks", JoinList(ToVector(r.trunk_ids()))},
                           {"rule", RuleSummary(r.rule())}});
}

int ListRules(const RuleArgs& args, CliContext& ctx) {
  livekit::ListSIPDispatchRuleRequest req;
  Assign(req.mutable_dispatch_rule_ids(), args.ids);
  Assign(req.mutable_trunk_ids(), args.trunks);
  return RunApiCall(
      ctx, [&](auto& api) { return api.sip().ListSIPDispatchRule(req); },
      [](const livekit::ListSIPDispatchRuleResponse& r) {
        TablePrinter table({"RULE ID", "NAME", "TRUNKS", "RULE"});
        for (const auto& d : r.items()) {
          table.AddRow({d.sip_dispatch_rule_id(), d.name(), JoinList(ToVector(d.trunk_ids())), RuleSummary(d.rule())});
        }
        table.Print(std::cout);
      });
}

int CreateRule(const RuleArgs& args, CliContext& ctx) {
  livekit::CreateSIPDispatchRuleRequest req;
  if (!LoadRequestFile(args.request_file, &req, ctx)) return ctx.exit_code;
  auto* info = req.mutable_dispatch_rule();
  AssignIfSet(info->mutable_name(), args.name);
  AssignIfSet(info->mutable_metadata(), args.metadata);
  Assign(info->mutable_trunk_ids(), args.trunks);
  Assign(info->mutable_inbound_numbers(), args.numbers);
  if (args.hide_phone_number) info->set_hide_phone_number(true);
  if (!args.direct.empty()) {
    auto* d = info->mutable_rule()->mutable_dispatch_rule_direct();
    d->set_room_name(args.direct);
    d->set_pin(args.pin);
  } else if (!args.individual.empty()) {
    auto* d = info->mutable_rule()->mutable_dispatch_rule_individual();
    d->set_room_prefix(args.individual);
    d->set_pin(args.pin);
    d->set_no_randomness(!args.randomize);
  } else if (!args.callee.empty()) {
    auto* d = info->mutable_rule()->mutable_dispatch_rule_callee();
    d->set_room_prefix(args.callee);
    d->set_pin(args.pin);
    d->set_randomize(args.randomize);
  }
  if (info->rule().rule_case() == livekit::SIPDispatchRule::RULE_NOT_SET) {
    return UsageError(
        "sip dispatch create: one of --direct, --individual or --callee is required (or the request file)");
  }
  return RunApiCall(
      ctx, [&](auto& api) { return api.sip().CreateSIPDispatchRule(req); }, PrintRule);
}

// A partial update: only the flags given change; --trunk replaces the list.
int UpdateRule(const RuleArgs& args, CliContext& ctx) {
  livekit::UpdateSIPDispatchRuleRequest req;
  req.set_sip_dispatch_rule_id(args.rule_id);
  auto* u = req.mutable_update();
  if (!args.name.empty()) u->set_name(args.name);
  if (!args.metadata.empty()) u->set_metadata(args.metadata);
  if (!args.trunks.empty()) Assign(u->mutable_trunk_ids()->mutable_set(), args.trunks);
  if (u->ByteSizeLong() == 0) return UsageError("sip dispatch update: nothing to change");
  return RunApiCall(
      ctx, [&](auto& api) { return api.sip().UpdateSIPDispatchRule(req); }, PrintRule);
}

int DeleteRule(const RuleArgs& args, CliContext& ctx) {
  return RunApiCall(
      ctx, [&](auto& api) { return api.sip().DeleteSIPDispatchRule(args.rule_id); },
      [](const livekit::SIPDispatchRuleInfo& r) { std::cout << "deleted " << r.sip_dispatch_rule_id() << "\n"; });
}

void AddRuleCommands(CLI::App* sip, CliContext& ctx) {
  auto* group = AddGroup(*sip, "dispatch", "Dispatch rules: which room an inbound call joins");
  auto args = std::make_shared<RuleArgs>();

  auto* list = AddCommand(group, "list", "List dispatch rules (id, name, trunks, rule)", ctx, args, ListRules);
  list->add_option("--id", args->ids, "Only these rule ids (repeatable)");
  list->add_option("--trunk", args->trunks, "Only rules for these trunk ids (repeatable)");

  auto* create = AddCommand(group, "create", "Create a dispatch rule", ctx, args, CreateRule);
  create->add_option("request_file", args->request_file, "Optional request as proto3 JSON; flags override it")
      ->check(CLI::ExistingFile);
  create->add_option("--name", args->name, "Rule name");
  create->add_option("--metadata", args->metadata, "Rule metadata");
  create->add_option("--trunk", args->trunks, "Apply to these trunk ids only (repeatable; default all)");
  create->add_option("--inbound-number", args->numbers, "Apply to calls from these numbers only (repeatable)");
  auto* direct = create->add_option("--direct", args->direct, "Send every call to this room");
  auto* individual =
      create->add_option("--individual", args->individual, "Give each caller a new room with this prefix");
  auto* callee = create->add_option("--callee", args->callee, "Send calls to a room named prefix + called number");
  direct->excludes(individual)->excludes(callee);
  individual->excludes(callee);
  create->add_option("--pin", args->pin, "PIN callers must enter");
  create->add_flag("--randomize", args->randomize, "Add a random suffix to room names (--individual, --callee)");
  create->add_flag("--hide-phone-number", args->hide_phone_number, "Hide the caller's number from the room");

  auto* update =
      AddCommand(group, "update", "Change a dispatch rule's name, metadata or trunks", ctx, args, UpdateRule);
  update->add_option("rule_id", args->rule_id, "Dispatch rule id (SDR_...)")->required();
  update->add_option("--name", args->name, "New name");
  update->add_option("--metadata", args->metadata, "New metadata");
  update->add_option("--trunk", args->trunks, "Replace the trunk ids with these (repeatable)");

  auto* del = AddCommand(group, "delete", "Delete a dispatch rule", ctx, args, DeleteRule);
  del->add_option("rule_id", args->rule_id, "Dispatch rule id (SDR_...)")->required();
}

// ---- outbound calls ----

struct CallArgs {
  std::string request_file;
  std::string trunk_id;
  std::string call_to;
  std::string number;
  std::string room;
  std::string identity;
  std::string name;
  std::string metadata;
  std::string dtmf;
  bool wait = false;
  bool hide_phone_number = false;
  std::string transfer_to;
  bool play_dialtone = false;
};

int CreateCall(const CallArgs& args, CliContext& ctx) {
  livekit::CreateSIPParticipantRequest req;
  if (!LoadRequestFile(args.request_file, &req, ctx)) return ctx.exit_code;
  AssignIfSet(req.mutable_sip_trunk_id(), args.trunk_id);
  AssignIfSet(req.mutable_sip_call_to(), args.call_to);
  AssignIfSet(req.mutable_sip_number(), args.number);
  AssignIfSet(req.mutable_room_name(), args.room);
  AssignIfSet(req.mutable_participant_identity(), args.identity);
  AssignIfSet(req.mutable_participant_name(), args.name);
  AssignIfSet(req.mutable_participant_metadata(), args.metadata);
  AssignIfSet(req.mutable_dtmf(), args.dtmf);
  if (args.wait) req.set_wait_until_answered(true);
  if (args.hide_phone_number) req.set_hide_phone_number(true);
  if (req.sip_trunk_id().empty() || req.sip_call_to().empty() || req.room_name().empty()) {
    return UsageError("sip participant create: --trunk, --call and --room are required (or the request file)");
  }
  return RunApiCall(
      ctx,
      [&](auto& api) {
        // The convenience form: it lengthens the call timeout when --wait waits for the answer.
        const std::string trunk_id = req.sip_trunk_id(), call_to = req.sip_call_to(), room = req.room_name();
        return api.sip().CreateSIPParticipant(trunk_id, call_to, room, std::move(req));
      },
      [](const livekit::SIPParticipantInfo& r) {
        PrintSummary(std::cout, {{"participant_id", r.participant_id()},
                                 {"identity", r.participant_identity()},
                                 {"room", r.room_name()},
                                 {"sip_call_id", r.sip_call_id()}});
      });
}

int TransferCall(const CallArgs& args, CliContext& ctx) {
  return RunApiCall(
      ctx,
      [&](auto& api) {
        return api.sip().TransferSIPParticipant(args.room, args.identity, args.transfer_to, args.play_dialtone);
      },
      [](const livekit::TransferSIPParticipantResponse& r) {
        PrintSummary(std::cout,
                     {{"transfer_id", r.transfer_id()}, {"status", livekit::SIPTransferStatus_Name(r.status())}});
      });
}

void AddCallCommands(CLI::App* sip, CliContext& ctx) {
  auto* group = AddGroup(*sip, "participant", "SIP participants: dial a phone number into a room");
  auto args = std::make_shared<CallArgs>();

  auto* create = AddCommand(group, "create", "Call a number through an outbound trunk and join it to a room", ctx, args,
                            CreateCall);
  create->add_option("request_file", args->request_file, "Optional request as proto3 JSON; flags override it")
      ->check(CLI::ExistingFile);
  create->add_option("--trunk", args->trunk_id, "Outbound trunk id (ST_...)");
  create->add_option("--call", args->call_to, "Number or SIP user to call");
  create->add_option("--number", args->number, "Caller number to present (one of the trunk's numbers)");
  create->add_option("--room", args->room, "Room the callee joins");
  create->add_option("--identity", args->identity, "Identity of the SIP participant");
  create->add_option("--name", args->name, "Display name of the SIP participant");
  create->add_option("--metadata", args->metadata, "Metadata of the SIP participant");
  create->add_option("--dtmf", args->dtmf, "DTMF digits to send once answered");
  create->add_flag("--wait", args->wait, "Return only once the call is answered");
  create->add_flag("--hide-phone-number", args->hide_phone_number, "Hide the number from the room");

  auto* transfer =
      AddCommand(group, "transfer", "Transfer (SIP REFER) a SIP participant's call elsewhere", ctx, args, TransferCall);
  transfer->add_option("--room", args->room, "Room of the SIP participant")->required();
  transfer->add_option("--identity", args->identity, "Identity of the SIP participant")->required();
  transfer->add_option("--to", args->transfer_to, "Destination: a SIP URI or tel: number")->required();
  transfer->add_flag("--play-dialtone", args->play_dialtone, "Play a dial tone to the caller while transferring");
}

}  // namespace

void AddSipCommands(CLI::App& app, CliContext& ctx) {
  auto* sip = AddGroup(app, "sip", "SIP trunks, dispatch rules and outbound calls");
  AddTrunkCommands(sip, "inbound", ctx);
  AddTrunkCommands(sip, "outbound", ctx);
  AddRuleCommands(sip, ctx);
  AddCallCommands(sip, ctx);
}

}  // namespace lkcpp
