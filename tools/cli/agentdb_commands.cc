// `lkcpp agentdb list|get|create|delete|dump`: the databases of LiveKit Cloud's agents (the
// AgentDBService). Times are printed as the service gives them (integers).
#include <chrono>
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>

#include "api_from_context.h"
#include "commands.h"
#include "duration.h"
#include "table_printer.h"

namespace lkcpp {
namespace {

using livekit::AgentDB;

struct AgentDbArgs {
  std::string database_id;
  std::string region;
  std::chrono::milliseconds ttl{0};  // 0: the server's default
  int page_size = 0;                 // 0: the server's default
  std::string page_token;
};

std::string Number(std::int64_t n) { return n == 0 ? std::string() : std::to_string(n); }

void PrintDatabase(const AgentDB::AgentDatabase& d) {
  PrintSummary(std::cout, {{"database_id", d.database_id()},
                           {"region", d.region()},
                           {"created_at", Number(d.created_at())},
                           {"expires_at", Number(d.expires_at())},
                           {"tip", Number(d.tip())}});
}

int List(const AgentDbArgs& args, CliContext& ctx) {
  AgentDB::ListRequest req;
  req.set_page_size(args.page_size);
  req.set_page_token(args.page_token);
  return RunApiCall(
      ctx, [&](auto& api) { return api.agentdb().ListDatabases(req); },
      [](const AgentDB::ListResponse& r) {
        TablePrinter table({"DATABASE ID", "REGION", "CREATED AT", "EXPIRES AT", "TIP"});
        for (const auto& d : r.databases()) {
          table.AddRow({d.database_id(), d.region(), Number(d.created_at()), Number(d.expires_at()), Number(d.tip())});
        }
        table.Print(std::cout);
        if (!r.next_page_token().empty()) std::cout << "more: --page-token " << r.next_page_token() << "\n";
      });
}

int Get(const AgentDbArgs& args, CliContext& ctx) {
  AgentDB::GetRequest req;
  req.set_database_id(args.database_id);
  return RunApiCall(
      ctx, [&](auto& api) { return api.agentdb().GetDatabase(req); }, PrintDatabase);
}

int Create(const AgentDbArgs& args, CliContext& ctx) {
  AgentDB::CreateRequest req;
  req.set_region(args.region);
  req.set_ttl_seconds(std::chrono::duration_cast<std::chrono::seconds>(args.ttl).count());
  return RunApiCall(
      ctx, [&](auto& api) { return api.agentdb().CreateDatabase(req); },
      [](const AgentDB::CreateResponse& r) {
        PrintSummary(std::cout, {{"database_id", r.database_id()}, {"expires_at", Number(r.expires_at())}});
      });
}

int Delete(const AgentDbArgs& args, CliContext& ctx) {
  AgentDB::DeleteRequest req;
  req.set_database_id(args.database_id);
  return RunApiCall(
      ctx, [&](auto& api) { return api.agentdb().DeleteDatabase(req); },
      [&](const AgentDB::DeleteResponse&) { std::cout << "deleted " << args.database_id << "\n"; });
}

int Dump(const AgentDbArgs& args, CliContext& ctx) {
  AgentDB::DumpRequest req;
  req.set_database_id(args.database_id);
  return RunApiCall(
      ctx, [&](auto& api) { return api.agentdb().DumpDatabase(req); },
      [](const AgentDB::DumpResponse& r) {
        PrintSummary(std::cout, {{"download_url", r.download_url()},
                                 {"expires_at", Number(r.expires_at())},
                                 {"tip", Number(r.tip())}});
      });
}

void AddDatabaseId(CLI::App* command, AgentDbArgs& args) {
  command->add_option("database_id", args.database_id, "Database id")->required();
}

}  // namespace

void AddAgentDbCommands(CLI::App& app, CliContext& ctx) {
  auto* group = AddGroup(app, "agentdb", "Manage the databases of agents on LiveKit Cloud");
  auto args = std::make_shared<AgentDbArgs>();

  auto* list = AddCommand(group, "list", "List databases (id, region, times, tip)", ctx, args, List);
  list->add_option("--page-size", args->page_size, "Databases per page (default: the server's)");
  list->add_option("--page-token", args->page_token, "Continue a list that said \"more\"");

  auto* get = AddCommand(group, "get", "Show one database", ctx, args, Get);
  AddDatabaseId(get, *args);

  auto* create = AddCommand(group, "create", "Create a database", ctx, args, Create);
  create->add_option("--region", args->region, "Region to create it in");
  DurationRules ttl_rules;  // the service holds whole seconds; 0 keeps its default
  ttl_rules.resolution = std::chrono::seconds(1);
  ttl_rules.allow_zero = true;
  AddDurationOption(create, "--ttl", args->ttl, ttl_rules, "How long the database lives (0: the server's default)");

  auto* del = AddCommand(group, "delete", "Delete a database", ctx, args, Delete);
  AddDatabaseId(del, *args);

  auto* dump = AddCommand(group, "dump", "Get a download URL of a database's contents", ctx, args, Dump);
  AddDatabaseId(dump, *args);
}

}  // namespace lkcpp
