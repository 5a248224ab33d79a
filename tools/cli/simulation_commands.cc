// `lkcpp simulation create|list|get|cancel|count`: simulation runs of agents on LiveKit Cloud
// (the AgentSimulation service). The project is the one of the API key unless --project-id
// names another.
#include <google/protobuf/util/time_util.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <string>

#include "api_from_context.h"
#include "commands.h"
#include "duration.h"
#include "enum_words.h"
#include "request_file.h"
#include "table_printer.h"
#include "timestamp_text.h"

namespace lkcpp {
namespace {

using livekit::SimulationRun;

struct SimulationArgs {
  std::string project_id;
  std::string request_file;
  std::string run_id;
  std::string agent_name;
  int num_simulations = 0;  // 0: the request file's, else the server's default
  int concurrency = 0;      // 0: the server's limit
  std::string mode;         // text or audio; empty: the request file's, else text (as LiveKit's CLI)
  std::string region;
  std::string status;
  std::string from;
  std::string to;
  std::chrono::milliseconds since = std::chrono::hours(24);
  std::string page_token;
};

const char kStatusPrefix[] = "STATUS_";
const char kModePrefix[] = "SIMULATION_MODE_";

std::string StatusWord(SimulationRun::Status s) {
  return EnumWord(livekit::SimulationRun_Status_descriptor(), s, kStatusPrefix);
}

std::string ModeWord(livekit::SimulationMode m) {
  return EnumWord(livekit::SimulationMode_descriptor(), m, kModePrefix);
}

// The filters list and count share: --status, --agent-name, --mode. False after a usage error.
template <typename Request>
bool ApplyFilters(const SimulationArgs& args, Request* req, CliContext& ctx) {
  req->set_project_id(args.project_id);
  if (!args.status.empty()) {
    int status = 0;
    if (!ParseEnumWord(livekit::SimulationRun_Status_descriptor(), args.status, kStatusPrefix, &status)) {
      ctx.exit_code = UsageError(ctx.command + ": unknown --status \"" + args.status + "\" (one of " +
                                 EnumWords(livekit::SimulationRun_Status_descriptor(), kStatusPrefix) + ")");
      return false;
    }
    req->set_status(static_cast<SimulationRun::Status>(status));
  }
  if (!args.agent_name.empty()) req->set_agent_name(args.agent_name);
  if (!args.mode.empty()) {
    int mode = 0;
    if (!ParseEnumWord(livekit::SimulationMode_descriptor(), args.mode, kModePrefix, &mode)) {
      ctx.exit_code = UsageError(ctx.command + ": unknown --mode \"" + args.mode + "\" (text or audio)");
      return false;
    }
    req->set_mode(static_cast<livekit::SimulationMode>(mode));
  }
  return true;
}

// Reads an RFC 3339 --from/--to into `*t`. False after a usage error.
bool ReadTime(const std::string& flag, const std::string& text, google::protobuf::Timestamp* t, CliContext& ctx) {
  if (ParseTimestamp(text, t)) return true;
  ctx.exit_code = UsageError(ctx.command + ": " + flag + " \"" + text +
                             "\" is not an RFC 3339 time (e.g. 2026-12-01T00:00:00Z)");
  return false;
}

int Create(const SimulationArgs& args, CliContext& ctx) {
  SimulationRun::Create::Request req;
  if (!LoadRequestFile(args.request_file, &req, ctx)) return ctx.exit_code;
  AssignIfSet(req.mutable_project_id(), args.project_id);
  AssignIfSet(req.mutable_agent_name(), args.agent_name);
  AssignIfSet(req.mutable_region(), args.region);
  if (args.num_simulations > 0) req.set_num_simulations(args.num_simulations);
  if (args.concurrency > 0) req.set_concurrency(args.concurrency);
  if (!args.mode.empty()) {
    int mode = 0;
    if (!ParseEnumWord(livekit::SimulationMode_descriptor(), args.mode, kModePrefix, &mode)) {
      return UsageError(ctx.command + ": unknown --mode \"" + args.mode + "\" (text or audio)");
    }
    req.set_mode(static_cast<livekit::SimulationMode>(mode));
  } else if (req.mode() == livekit::SIMULATION_MODE_UNSPECIFIED) {
    req.set_mode(livekit::SIMULATION_MODE_TEXT);
  }
  return RunApiCall(
      ctx, [&](auto& api) { return api.agent_simulation().CreateSimulationRun(req); },
      [](const SimulationRun::Create::Response& r) {
        PrintSummary(std::cout, {{"simulation_run_id", r.simulation_run_id()},
                                 {"upload_url", r.presigned_post_request().url()}});
      });
}

int List(const SimulationArgs& args, CliContext& ctx) {
  SimulationRun::List::Request req;
  if (!ApplyFilters(args, &req, ctx)) return ctx.exit_code;
  if (!args.from.empty() && !ReadTime("--from", args.from, req.mutable_start_time(), ctx)) return ctx.exit_code;
  if (!args.to.empty() && !ReadTime("--to", args.to, req.mutable_end_time(), ctx)) return ctx.exit_code;
  if (!args.page_token.empty()) req.mutable_page_token()->set_token(args.page_token);
  return RunApiCall(
      ctx, [&](auto& api) { return api.agent_simulation().ListSimulationRuns(req); },
      [](const SimulationRun::List::Response& r) {
        TablePrinter table({"RUN ID", "AGENT", "STATUS", "MODE", "JOBS", "PASSED", "FAILED", "CREATED AT"});
        for (const auto& run : r.runs()) {
          table.AddRow({run.id(), run.agent_name(), StatusWord(run.status()), ModeWord(run.mode()),
                        std::to_string(run.job_count()), std::to_string(run.passed_count()),
                        std::to_string(run.failed_count()), TimestampText(run.created_at())});
        }
        table.Print(std::cout);
        if (!r.next_page_token().token().empty()) {
          std::cout << "more: --page-token " << r.next_page_token().token() << "\n";
        }
      });
}

int Get(const SimulationArgs& args, CliContext& ctx) {
  SimulationRun::Get::Request req;
  req.set_project_id(args.project_id);
  req.set_simulation_run_id(args.run_id);
  return RunApiCall(
      ctx, [&](auto& api) { return api.agent_simulation().GetSimulationRun(req); },
      [](const SimulationRun::Get::Response& r) {
        const auto& run = r.run();
        PrintSummary(std::cout, {{"run_id", run.id()},
                                 {"project_id", run.project_id()},
                                 {"agent", run.agent_name()},
                                 {"status", StatusWord(run.status())},
                                 {"mode", ModeWord(run.mode())},
                                 {"jobs", std::to_string(run.job_count())},
                                 {"passed", std::to_string(run.passed_count())},
                                 {"failed", std::to_string(run.failed_count())},
                                 {"created_at", TimestampText(run.created_at())},
                                 {"ended_at", TimestampText(run.ended_at())},
                                 {"error", run.error()}});
        if (run.jobs_size() == 0) return;
        std::cout << "\n";
        TablePrinter table({"JOB ID", "STATUS", "LABEL", "ERROR"});
        for (const auto& job : run.jobs()) {
          table.AddRow({job.id(), EnumWord(SimulationRun::Job::Status_descriptor(), job.status(), kStatusPrefix),
                        job.label(), job.error()});
        }
        table.Print(std::cout);
      });
}

int Cancel(const SimulationArgs& args, CliContext& ctx) {
  SimulationRun::Cancel::Request req;
  req.set_project_id(args.project_id);
  req.set_simulation_run_id(args.run_id);
  return RunApiCall(
      ctx, [&](auto& api) { return api.agent_simulation().CancelSimulationRun(req); },
      [&](const SimulationRun::Cancel::Response&) { std::cout << "cancelled " << args.run_id << "\n"; });
}

int Count(const SimulationArgs& args, CliContext& ctx) {
  using google::protobuf::util::TimeUtil;
  SimulationRun::Counts::Request req;
  if (!ApplyFilters(args, &req, ctx)) return ctx.exit_code;
  // The window is required: --from (else --since before --to), --to (else now).
  const auto now = TimeUtil::GetCurrentTime();
  if (args.to.empty()) {
    *req.mutable_end_time() = now;
  } else if (!ReadTime("--to", args.to, req.mutable_end_time(), ctx)) {
    return ctx.exit_code;
  }
  if (args.from.empty()) {
    *req.mutable_start_time() = req.end_time() - TimeUtil::MillisecondsToDuration(args.since.count());
  } else if (!ReadTime("--from", args.from, req.mutable_start_time(), ctx)) {
    return ctx.exit_code;
  }
  return RunApiCall(
      ctx, [&](auto& api) { return api.agent_simulation().CountSimulationRuns(req); },
      [](const SimulationRun::Counts::Response& r) {
        TablePrinter table({"BUCKET START", "COUNT"});
        std::uint64_t total = 0;
        for (const auto& b : r.buckets()) {
          table.AddRow({TimestampText(b.bucket_start()), std::to_string(b.count())});
          total += b.count();
        }
        table.Print(std::cout);
        std::cout << "total " << total;
        if (r.has_interval()) std::cout << " in buckets of " << TimeUtil::ToString(r.interval());
        std::cout << "\n";
      });
}

void AddProjectId(CLI::App* command, SimulationArgs& args) {
  command->add_option("--project-id", args.project_id, "Project id (default: the API key's project)");
}

void AddFilters(CLI::App* command, SimulationArgs& args) {
  command->add_option("--status", args.status,
                      "Only runs in this status (" +
                          EnumWords(livekit::SimulationRun_Status_descriptor(), kStatusPrefix) + ")");
  command->add_option("--agent-name", args.agent_name, "Only runs of this agent");
  command->add_option("--mode", args.mode, "Only runs in this mode (text or audio)");
}

}  // namespace

void AddSimulationCommands(CLI::App& app, CliContext& ctx) {
  auto* group = AddGroup(app, "simulation", "Run and watch agent simulations on LiveKit Cloud");
  auto args = std::make_shared<SimulationArgs>();

  auto* create = AddCommand(group, "create",
                            "Start a simulation run. Scenarios come from the request file (scenarioGroup); without "
                            "them the run waits for the agent's source at upload_url, which this command does not "
                            "upload",
                            ctx, args, Create);
  create->add_option("request_file", args->request_file,
                     "Optional SimulationRun.Create.Request as proto3 JSON; flags override its fields");
  create->add_option("--agent-name", args->agent_name, "Agent to simulate (empty: the project's default agent)");
  create->add_option("-n,--num-simulations", args->num_simulations, "Number of scenarios to generate");
  create->add_option("--concurrency", args->concurrency, "Simulations running at once (default: the server's limit)");
  create->add_option("--mode", args->mode, "text (default) or audio");
  create->add_option("--region", args->region, "Region to run in");
  AddProjectId(create, *args);

  auto* list = AddCommand(group, "list", "List simulation runs (id, agent, status, mode, results)", ctx, args, List);
  AddFilters(list, *args);
  list->add_option("--from", args->from, "Only runs created at or after this RFC 3339 time");
  list->add_option("--to", args->to, "Only runs created before this RFC 3339 time");
  list->add_option("--page-token", args->page_token, "Continue a list that said \"more\"");
  AddProjectId(list, *args);

  auto* get = AddCommand(group, "get", "Show a simulation run and its jobs", ctx, args, Get);
  get->add_option("run_id", args->run_id, "Simulation run id")->required();
  AddProjectId(get, *args);

  auto* cancel = AddCommand(group, "cancel", "Cancel a simulation run", ctx, args, Cancel);
  cancel->add_option("run_id", args->run_id, "Simulation run id")->required();
  AddProjectId(cancel, *args);

  auto* count = AddCommand(group, "count", "Count simulation runs over time, in buckets", ctx, args, Count);
  AddFilters(count, *args);
  count->add_option("--from", args->from, "Start of the window, RFC 3339 (default: --since before --to)");
  count->add_option("--to", args->to, "End of the window, RFC 3339 (default: now)");
  DurationRules since_rules;
  AddDurationOption(count, "--since", args->since, since_rules, "Length of the window when --from is not given");
  AddProjectId(count, *args);
}

}  // namespace lkcpp
