// lkcpp: a command-line tool over the LiveKit C++ server SDK.
#include <CLI/CLI.hpp>

#include "cli_context.h"
#include "commands.h"

int main(int argc, char** argv) {
  CLI::App app{"lkcpp: LiveKit from the command line (tokens, webhooks, server APIs)"};
  app.set_version_flag("--version", "lkcpp 0.1.0");
  app.require_subcommand(1);
  // Global options (--json, --url, ...) are also accepted after the command, as lk does;
  // set before the groups are added so that every subcommand inherits it.
  app.fallthrough();
  lkcpp::CliContext ctx;
  lkcpp::AddGlobalOptions(app, ctx);
  lkcpp::AddTokenCommands(app, ctx);
  lkcpp::AddWebhookCommands(app, ctx);
  lkcpp::AddRoomCommands(app, ctx);
  lkcpp::AddParticipantCommands(app, ctx);
  lkcpp::AddEgressCommands(app, ctx);
  lkcpp::AddDispatchCommands(app, ctx);
  lkcpp::AddRegionsCommands(app, ctx);
  lkcpp::AddIngressCommands(app, ctx);
  lkcpp::AddSipCommands(app, ctx);
  lkcpp::AddAgentCommands(app, ctx);
  lkcpp::AddSimulationCommands(app, ctx);
  lkcpp::AddAgentDbCommands(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);  // prints the message
    return lkcpp::kExitUsage;
  }
  return ctx.exit_code;
}
