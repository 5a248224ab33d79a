// `lkcpp token create`, `lkcpp token verify` and `lkcpp token serve`.
#include <google/protobuf/util/json_util.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "duration.h"
#include "error_report.h"
#include "livekit/access_token.h"
#include "livekit/token_endpoint.h"
#include "livekit/token_verifier.h"
#include "token_server.h"

namespace lkcpp {
namespace {

struct CreateOptions {
  std::string identity;
  std::string room;
  bool join = false;
  std::vector<std::string> grants;
  std::chrono::milliseconds ttl = std::chrono::hours(6);
  std::string name;
  std::string metadata;
  std::vector<std::string> attributes;
  std::string kind;
  std::vector<std::string> kind_details;
  std::string sha256;
  std::string room_preset;
  std::string room_config;
};

struct ServeOptions {
  std::uint16_t port = 8081;
  std::chrono::milliseconds ttl = std::chrono::minutes(15);
};

struct VerifyOptions {
  std::string jwt;
  std::chrono::milliseconds leeway = livekit::TokenVerifier::kDefaultLeeway;
};

constexpr const char* kGrantHelp =
    "Grant NAME[=VALUE], repeatable. Video: roomCreate roomJoin roomList roomRecord roomAdmin "
    "ingressAdmin canPublish canSubscribe canPublishData canUpdateOwnMetadata hidden recorder agent "
    "canSubscribeMetrics canManageAgentSession (VALUE true|false, default true), room=NAME, "
    "destinationRoom=NAME, canPublishSources=camera,microphone,screen_share,screen_share_audio. "
    "Others: sip.admin sip.call agent.admin agent.simulationAdmin agent.databaseAdmin inference.perform "
    "observability.write";

bool ParseBool(const std::string& text, const std::string& flag) {
  if (text == "true" || text == "1" || text == "yes") return true;
  if (text == "false" || text == "0" || text == "no") return false;
  throw CLI::ValidationError("--grant", flag + ": expected true or false, got '" + text + "'");
}

// The grants --grant builds up; the optional ones are written only when named.
struct GrantSet {
  livekit::VideoGrant video;
  std::optional<livekit::SipGrant> sip;
  std::optional<livekit::AgentGrant> agent;
  std::optional<livekit::InferenceGrant> inference;
  std::optional<livekit::ObservabilityGrant> observability;
};

// Applies one --grant NAME[=VALUE] to the token's grants.
void ApplyGrant(const std::string& spec, GrantSet& grants) {
  livekit::VideoGrant& video = grants.video;
  const auto eq = spec.find('=');
  const std::string name = spec.substr(0, eq);
  const std::optional<std::string> value =
      eq == std::string::npos ? std::nullopt : std::optional<std::string>(spec.substr(eq + 1));
  const auto flag = [&] { return value ? ParseBool(*value, name) : true; };
  static const std::map<std::string, std::optional<bool> livekit::VideoGrant::*> kBools = {
      {"roomCreate", &livekit::VideoGrant::room_create},
      {"roomJoin", &livekit::VideoGrant::room_join},
      {"roomList", &livekit::VideoGrant::room_list},
      {"roomRecord", &livekit::VideoGrant::room_record},
      {"roomAdmin", &livekit::VideoGrant::room_admin},
      {"ingressAdmin", &livekit::VideoGrant::ingress_admin},
      {"canPublish", &livekit::VideoGrant::can_publish},
      {"canSubscribe", &livekit::VideoGrant::can_subscribe},
      {"canPublishData", &livekit::VideoGrant::can_publish_data},
      {"canUpdateOwnMetadata", &livekit::VideoGrant::can_update_own_metadata},
      {"hidden", &livekit::VideoGrant::hidden},
      {"recorder", &livekit::VideoGrant::recorder},
      {"agent", &livekit::VideoGrant::agent},
      {"canSubscribeMetrics", &livekit::VideoGrant::can_subscribe_metrics},
      {"canManageAgentSession", &livekit::VideoGrant::can_manage_agent_session},
  };
  if (auto it = kBools.find(name); it != kBools.end()) {
    video.*(it->second) = flag();
  } else if (name == "room" || name == "destinationRoom") {
    if (!value || value->empty()) throw CLI::ValidationError("--grant", name + " needs a value: " + name + "=NAME");
    (name == "room" ? video.room : video.destination_room) = *value;
  } else if (name == "canPublishSources") {
    std::vector<std::string> sources;
    if (value && !value->empty()) sources = CLI::detail::split(*value, ',');
    for (const auto& s : sources) {
      if (s != "camera" && s != "microphone" && s != "screen_share" && s != "screen_share_audio") {
        throw CLI::ValidationError("--grant", "unknown source '" + s + "' in canPublishSources");
      }
    }
    video.can_publish_sources = std::move(sources);
  } else if (name == "sip.admin" || name == "sip.call") {
    auto& sip = grants.sip ? *grants.sip : grants.sip.emplace();
    (name == "sip.admin" ? sip.admin : sip.call) = flag();
  } else if (name == "agent.admin" || name == "agent.simulationAdmin" || name == "agent.databaseAdmin") {
    auto& agent = grants.agent ? *grants.agent : grants.agent.emplace();
    (name == "agent.admin" ? agent.admin : name == "agent.simulationAdmin" ? agent.simulation_admin
                                                                           : agent.database_admin) = flag();
  } else if (name == "inference.perform") {
    auto& inference = grants.inference ? *grants.inference : grants.inference.emplace();
    inference.perform = flag();
  } else if (name == "observability.write") {
    auto& observability = grants.observability ? *grants.observability : grants.observability.emplace();
    observability.write = flag();
  } else {
    throw CLI::ValidationError("--grant", "unknown grant '" + name + "' (see --help)");
  }
}

// Refuses a --kind-detail a server would drop: only the lower-case names of
// ParticipantInfo.KindDetail values are read from a token.
void CheckKindDetail(const std::string& name) {
  std::string upper;
  for (const char ch : name) upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
  livekit::ParticipantInfo_KindDetail value;
  if (name == upper || !livekit::ParticipantInfo_KindDetail_Parse(upper, &value)) {
    throw CLI::ValidationError("--kind-detail", "unknown kind detail '" + name + "' (e.g. cloud_agent, forwarded)");
  }
}

// Token lifetimes and clock tolerances are whole seconds: a JWT holds exp and nbf in seconds.
DurationRules TokenSeconds(bool allow_zero) {
  DurationRules rules;
  rules.resolution = std::chrono::seconds(1);
  rules.allow_zero = allow_zero;
  return rules;
}

int RunCreate(const CreateOptions& o, CliContext& ctx) {
  livekit::AccessToken token(ctx.api_key, ctx.api_secret);
  GrantSet grants;
  if (!o.room.empty()) grants.video.room = o.room;
  if (o.join) grants.video.room_join = true;
  for (const auto& g : o.grants) ApplyGrant(g, grants);
  if (grants.video != livekit::VideoGrant{}) token.set_video_grant(grants.video);
  if (grants.sip) token.set_sip_grant(*grants.sip);
  if (grants.agent) token.set_agent_grant(*grants.agent);
  if (grants.inference) token.set_inference_grant(*grants.inference);
  if (grants.observability) token.set_observability_grant(*grants.observability);
  for (const auto& detail : o.kind_details) CheckKindDetail(detail);
  if (!o.kind_details.empty()) token.set_kind_details(o.kind_details);
  if (!o.identity.empty()) token.set_identity(o.identity);
  if (!o.name.empty()) token.set_name(o.name);
  if (!o.metadata.empty()) token.set_metadata(o.metadata);
  if (!o.kind.empty()) token.set_kind(o.kind);
  if (!o.sha256.empty()) token.set_sha256(o.sha256);
  if (!o.room_preset.empty()) token.set_room_preset(o.room_preset);
  if (!o.attributes.empty()) {
    std::map<std::string, std::string> attributes;
    for (const auto& kv : o.attributes) {
      const auto eq = kv.find('=');
      if (eq == std::string::npos || eq == 0) throw CLI::ValidationError("--attribute", "expected KEY=VALUE");
      attributes[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    token.set_attributes(std::move(attributes));
  }
  if (!o.room_config.empty()) {
    livekit::RoomConfiguration config;
    if (!google::protobuf::util::JsonStringToMessage(o.room_config, &config).ok()) {
      throw CLI::ValidationError("--room-config", "not a livekit.RoomConfiguration in proto3 JSON");
    }
    token.set_room_config(std::move(config));
  }
  token.set_ttl(std::chrono::duration_cast<std::chrono::seconds>(o.ttl));
  auto jwt = token.ToJwt();
  if (!jwt.ok()) return ReportError(ctx, ctx.command, jwt.error());
  if (ctx.json) {
    std::cout << nlohmann::json{{"token", *jwt}}.dump() << "\n";
  } else {
    std::cout << *jwt << "\n";
  }
  return kExitOk;
}

int RunVerify(const VerifyOptions& o, CliContext& ctx) {
  livekit::TokenVerifier verifier(ctx.api_key, ctx.api_secret);
  verifier.set_leeway(std::chrono::duration_cast<std::chrono::seconds>(o.leeway));
  auto claims = verifier.Verify(o.jwt);
  if (!claims.ok()) return ReportError(ctx, ctx.command, claims.error());
  std::cout << nlohmann::json::parse(claims->ToJson()).dump(ctx.json ? -1 : 2) << "\n";
  return kExitOk;
}

int RunServe(const ServeOptions& o, CliContext& ctx) {
  if (ctx.api_key.empty() || ctx.api_secret.empty() || ctx.url.empty()) {
    std::cerr << "lkcpp " << ctx.command
              << ": needs --url, --api-key and --api-secret (or LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET)\n";
    return kExitUsage;
  }
  livekit::TokenEndpointOptions options;
  options.api_key = ctx.api_key;
  options.api_secret = ctx.api_secret;
  options.server_url = ctx.url;
  options.ttl = std::chrono::duration_cast<std::chrono::seconds>(o.ttl);
  const livekit::TokenEndpoint endpoint(options, livekit::TokenEndpoint::AllowAnythingForDevelopment());
  if (!ServeTokens(endpoint, options.max_body_bytes, o.port, std::cout)) {
    std::cerr << "lkcpp " << ctx.command << ": cannot listen on 127.0.0.1:" << o.port << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

void AddTokenCommands(CLI::App& app, CliContext& ctx) {
  auto* group = AddGroup(app, "token", "Mint and verify access tokens");

  auto create_opts = std::make_shared<CreateOptions>();
  auto* create = AddCommand(group, "create", "Mint a token (prints the JWT)", ctx, create_opts, RunCreate);
  create->add_option("--identity,-i", create_opts->identity, "Participant identity (sub)");
  create->add_option("--room,-r", create_opts->room, "Room name (video.room)");
  create->add_flag("--join", create_opts->join, "Allow joining the room (video.roomJoin)");
  create->add_option("--grant,-g", create_opts->grants, kGrantHelp);
  AddDurationOption(create, "--ttl", create_opts->ttl, TokenSeconds(false), "Time to live");
  create->add_option("--name", create_opts->name, "Display name");
  create->add_option("--metadata", create_opts->metadata, "Participant metadata");
  create->add_option("--attribute", create_opts->attributes, "Participant attribute KEY=VALUE (repeatable)");
  create->add_option("--kind", create_opts->kind, "Participant kind, e.g. agent");
  create->add_option("--kind-detail", create_opts->kind_details,
                     "Participant kind detail (kindDetails), e.g. cloud_agent or forwarded (repeatable)");
  create->add_option("--sha256", create_opts->sha256, "Base64 SHA-256 of a webhook body");
  create->add_option("--room-preset", create_opts->room_preset, "Room preset name");
  create->add_option("--room-config", create_opts->room_config, "livekit.RoomConfiguration as proto3 JSON");

  auto verify_opts = std::make_shared<VerifyOptions>();
  auto* verify = AddCommand(group, "verify", "Verify a token and print its claims as JSON",
                            ctx, verify_opts, RunVerify);
  verify->add_option("jwt", verify_opts->jwt, "The token")->required();
  AddDurationOption(verify, "--leeway", verify_opts->leeway, TokenSeconds(true), "Clock tolerance for exp/nbf");

  auto serve_opts = std::make_shared<ServeOptions>();
  auto* serve = AddCommand(group, "serve",
                           "Run a development token endpoint on 127.0.0.1 for client SDKs' TokenSource.endpoint "
                           "(any caller gets any token: never expose it)",
                           ctx, serve_opts, RunServe);
  serve->add_option("--port,-p", serve_opts->port, "Port on 127.0.0.1 (0: a free one, printed)")
      ->capture_default_str();
  AddDurationOption(serve, "--ttl", serve_opts->ttl, TokenSeconds(false), "Time to live of the tokens");
}

}  // namespace lkcpp
