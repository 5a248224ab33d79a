// `lkcpp agent list|versions|secrets|restart|rollback|delete|logs`: agents deployed to LiveKit
// Cloud (the CloudAgent service), named as LiveKit's CLI names them. An agent is chosen by its
// id, given as the argument or, as LiveKit's CLI takes it, with --id.
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <future>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "api_from_context.h"
#include "commands.h"
#include "enum_words.h"
#include "livekit/agent_streams.h"
#include "stop_signal.h"
#include "table_printer.h"
#include "timestamp_text.h"

namespace lkcpp {
namespace {

struct AgentArgs {
  std::string agent_id;
  std::string agent_name;
  std::string version = "latest";  // rollback: LiveKit's CLI sends "latest" when none is given
  std::string deployment;
  std::string log_type = "deploy";
};

// The agents host, for the messages that name the server: --agents-url, else LK_AGENTS_URL
// (which the SDK reads as well); else the SDK derives it from --url, which then names it well
// enough (a local server is its own agents host; a Cloud failure's message names the host).
void NameAgentsHost(CliContext& ctx) {
  if (!ctx.agents_url.empty()) {
    ctx.server = ctx.agents_url;
  } else if (const char* v = std::getenv("LK_AGENTS_URL"); v != nullptr && *v != '\0') {
    ctx.server = v;
  }
}

// The distinct non-empty values of `field` over an agent's deployments, joined.
template <typename Field>
std::string JoinDeployments(const livekit::AgentInfo& agent, Field field) {
  std::set<std::string> values;
  for (const auto& d : agent.agent_deployments()) {
    std::string v = field(d);
    if (!v.empty()) values.insert(std::move(v));
  }
  return JoinList({values.begin(), values.end()});
}

int List(const AgentArgs& args, CliContext& ctx) {
  NameAgentsHost(ctx);
  livekit::ListAgentsRequest req;
  req.set_agent_id(args.agent_id);
  req.set_agent_name(args.agent_name);
  return RunApiCall(
      ctx, [&](auto& api) { return api.cloud_agent().ListAgents(req); },
      [](const livekit::ListAgentsResponse& r) {
        TablePrinter table({"AGENT ID", "NAME", "VERSION", "REGIONS", "DEPLOYMENTS", "STATUS", "DEPLOYED AT"});
        for (const auto& a : r.agents()) {
          table.AddRow({a.agent_id(), a.agent_name(), a.version(),
                        JoinDeployments(a, [](const livekit::AgentDeployment& d) { return d.region(); }),
                        JoinDeployments(a, [](const livekit::AgentDeployment& d) { return d.deployment(); }),
                        JoinDeployments(a, [](const livekit::AgentDeployment& d) { return d.status(); }),
                        TimestampText(a.deployed_at())});
        }
        table.Print(std::cout);
      });
}

int Versions(const AgentArgs& args, CliContext& ctx) {
  NameAgentsHost(ctx);
  livekit::ListAgentVersionsRequest req;
  req.set_agent_id(args.agent_id);
  return RunApiCall(
      ctx, [&](auto& api) { return api.cloud_agent().ListAgentVersions(req); },
      [](const livekit::ListAgentVersionsResponse& r) {
        TablePrinter table({"VERSION", "CURRENT", "ACTIVE", "DRAINING", "STATUS", "CREATED AT", "DEPLOYED AT"});
        auto yes = [](bool b) { return std::string(b ? "yes" : ""); };
        for (const auto& v : r.versions()) {
          table.AddRow({v.version(), yes(v.current()), yes(v.active()), yes(v.draining()), v.status(),
                        TimestampText(v.created_at()), TimestampText(v.deployed_at())});
        }
        table.Print(std::cout);
      });
}

int Secrets(const AgentArgs& args, CliContext& ctx) {
  NameAgentsHost(ctx);
  livekit::ListAgentSecretsRequest req;
  req.set_agent_id(args.agent_id);
  return RunApiCall(
      ctx,
      [&](auto& api) {
        auto result = api.cloud_agent().ListAgentSecrets(req);
        // Names only: a secret's value never reaches the terminal, with --json neither.
        if (result.ok()) {
          for (auto& s : *result->mutable_secrets()) s.clear_value();
        }
        return result;
      },
      [](const livekit::ListAgentSecretsResponse& r) {
        TablePrinter table({"NAME", "KIND", "DEPLOYMENTS", "CREATED AT", "UPDATED AT"});
        for (const auto& s : r.secrets()) {
          table.AddRow({s.name(), EnumWord(livekit::AgentSecretKind_descriptor(), s.kind(), "AGENT_SECRET_KIND_"),
                        JoinList({s.deployments().begin(), s.deployments().end()}), TimestampText(s.created_at()),
                        TimestampText(s.updated_at())});
        }
        table.Print(std::cout);
      });
}

// Restart, rollback and delete answer {success, message}: a refusal comes as success=false
// with a 200, which is a refused request all the same (exit 3, nothing on stdout).
template <typename Response>
int ReportOutcome(CliContext& ctx, const livekit::Result<Response>& result, const std::string& done) {
  if (!result.ok()) return ReportError(ctx, ctx.command, result.error());
  if (!result->success()) {
    return Failure(kExitRejected, ctx.command + ": the server refused" +
                                      (result->message().empty() ? std::string() : ": " + result->message()));
  }
  if (ctx.json) {
    PrintJson(ctx, *result);
  } else {
    std::cout << done << (result->message().empty() ? "" : " (" + result->message() + ")") << "\n";
  }
  return kExitOk;
}

int Restart(const AgentArgs& args, CliContext& ctx) {
  NameAgentsHost(ctx);
  auto api = ApiFromContext(ctx);
  if (!api) return ctx.exit_code;
  livekit::RestartAgentRequest req;
  req.set_agent_id(args.agent_id);
  return ReportOutcome(ctx, api->cloud_agent().RestartAgent(req), "restarted " + args.agent_id);
}

int Rollback(const AgentArgs& args, CliContext& ctx) {
  NameAgentsHost(ctx);
  auto api = ApiFromContext(ctx);
  if (!api) return ctx.exit_code;
  livekit::RollbackAgentRequest req;
  req.set_agent_id(args.agent_id);
  req.set_version(args.version);
  return ReportOutcome(ctx, api->cloud_agent().RollbackAgent(req),
                       "rolled back " + args.agent_id + " to " + args.version);
}

int Delete(const AgentArgs& args, CliContext& ctx) {
  NameAgentsHost(ctx);
  auto api = ApiFromContext(ctx);
  if (!api) return ctx.exit_code;
  livekit::DeleteAgentRequest req;
  req.set_agent_id(args.agent_id);
  req.set_deployment(args.deployment);
  return ReportOutcome(ctx, api->cloud_agent().DeleteAgent(req),
                       "deleted " + args.agent_id +
                           (args.deployment.empty() ? std::string() : " deployment " + args.deployment));
}

// Prints the agent's log as its lines arrive (with --json one {"line": ...} object per line)
// until the server ends it or Ctrl-C stops it (exit 0 then).
int Logs(const AgentArgs& args, CliContext& ctx) {
  NameAgentsHost(ctx);
  livekit::AgentLogsRequest req;
  req.agent_id = args.agent_id;
  req.deployment = args.deployment;
  if (args.log_type == "deploy") {
    req.log_type = livekit::AgentLogType::kDeploy;
  } else if (args.log_type == "build") {
    req.log_type = livekit::AgentLogType::kBuild;
  } else {
    return UsageError(ctx.command + ": unknown --log-type \"" + args.log_type + "\" (deploy or build)");
  }
  auto options = ClientOptionsFromContext(ctx);
  if (!options.ok()) return UsageError(options.error().message());
  const livekit::AgentStreamClient streams(std::move(*options));
  if (!streams.status().ok()) {
    return UsageError(streams.status().message() + " (flags --url, --agents-url, --api-key, --api-secret, --token)");
  }
  livekit::StreamOptions stream_options;
  stream_options.deadline = std::chrono::hours(24);  // a log is followed until Ctrl-C: the longest allowed

  StopSignal stop;  // before the stream starts, so that an early Ctrl-C is caught too
  // Shared with `done`, which may still be inside set_value when the wait below returns.
  auto ended = std::make_shared<std::promise<livekit::Status>>();
  auto ended_future = ended->get_future();
  const bool json = ctx.json;
  auto handle = streams.StreamLogsAsync(
      req,
      [json](std::string_view line) {
        if (json) {
          std::cout << nlohmann::json{{"line", std::string(line)}}.dump(-1, ' ', false,
                                                                       nlohmann::json::error_handler_t::replace);
        } else {
          std::cout << line;
        }
        std::cout << std::endl;  // flushed: each line shows as it arrives
      },
      [ended, &stop](livekit::Status status) {
        stop.Notify();  // first: `stop` lives until the value below is set
        ended->set_value(std::move(status));
      },
      stream_options);
  const bool interrupted = stop.Wait();
  if (interrupted) handle.Cancel();
  const livekit::Status status = ended_future.get();
  if (interrupted || status.ok()) return kExitOk;
  return ReportError(ctx, ctx.command, status.error());
}

// The agent a command works on: the argument, or --id as LiveKit's CLI spells it.
void AddAgentId(CLI::App* command, AgentArgs& args) {
  command->add_option("agent_id,--id", args.agent_id, "Agent id (argument or --id)")->required();
}

}  // namespace

void AddAgentCommands(CLI::App& app, CliContext& ctx) {
  auto* group = AddGroup(app, "agent", "Manage agents deployed to LiveKit Cloud");
  auto args = std::make_shared<AgentArgs>();

  auto* list = AddCommand(group, "list", "List the project's agents (id, name, version, regions, status)", ctx, args,
                          List);
  list->add_option("--id", args->agent_id, "Only this agent");
  list->add_option("--name", args->agent_name, "Only the agent of this name");

  auto* versions = AddCommand(group, "versions", "List the versions of an agent", ctx, args, Versions);
  AddAgentId(versions, *args);

  auto* secrets = AddCommand(group, "secrets", "List the secrets of an agent (names, never values)", ctx, args,
                             Secrets);
  AddAgentId(secrets, *args);

  auto* restart = AddCommand(group, "restart", "Restart an agent", ctx, args, Restart);
  AddAgentId(restart, *args);

  auto* rollback = AddCommand(group, "rollback", "Roll an agent back to an earlier version", ctx, args, Rollback);
  AddAgentId(rollback, *args);
  rollback->add_option("--version", args->version,
                       "Version to roll back to (default \"latest\": the one before the current)");

  auto* del = AddCommand(group, "delete", "Delete an agent, or one deployment of it", ctx, args, Delete);
  AddAgentId(del, *args);
  del->add_option("-d,--deployment", args->deployment, "Only this deployment");

  auto* logs = AddCommand(group, "logs", "Follow an agent's log as it is written, until Ctrl-C", ctx, args, Logs);
  logs->alias("tail");
  AddAgentId(logs, *args);
  logs->add_option("--log-type", args->log_type, "deploy (default: the running agent's log) or build");
  logs->add_option("-d,--deployment", args->deployment, "This deployment (default: the current one)");
}

}  // namespace lkcpp
