#include "cli_context.h"

#include "duration.h"

namespace lkcpp {

void AddGlobalOptions(CLI::App& app, CliContext& ctx) {
  app.add_option("--url", ctx.url, "LiveKit server URL (http, https, ws or wss)")->envname("LIVEKIT_URL");
  // Not bound to LK_AGENTS_URL here: the SDK reads that itself, and a bad value then fails the
  // agent commands only, not every command.
  app.add_option("--agents-url", ctx.agents_url,
                 "LiveKit Cloud agents host of the agent commands (default: LK_AGENTS_URL, else "
                 "agents.<domain of --url>)");
  app.add_option("--api-key", ctx.api_key, "API key")->envname("LIVEKIT_API_KEY");
  app.add_option("--api-secret", ctx.api_secret, "API secret")->envname("LIVEKIT_API_SECRET");
  app.add_option("--token", ctx.token, "A pre-signed token, used when no key and secret are given")
      ->envname("LIVEKIT_TOKEN");
  DurationRules timeout_rules;
  timeout_rules.max = std::chrono::hours(24);  // the SDK's limit for ClientOptions::timeout
  AddDurationOption(&app, "--timeout", ctx.timeout, timeout_rules,
                    "Time limit of each HTTP attempt (a call that fails over makes several)");
  app.add_option("--header", ctx.headers, "Extra HTTP header \"Name: value\" (repeatable)");
  app.add_option("--ca-file", ctx.ca_file,
                 "PEM file of the CA certificates to trust instead of the system's (else SSL_CERT_FILE)")
      ->envname("CURL_CA_BUNDLE");
  app.add_flag("--json", ctx.json, "Machine-readable JSON output");
  app.add_flag("-v,--verbose", ctx.verbose, "Print attempts and timings on stderr");
  app.add_flag("--no-failover", ctx.no_failover, "Use --url only, never another region");
  app.add_flag("--failover-force", ctx.failover_force, "Fail over even for calls that do not by default");
  DurationRules hedge_rules;
  hedge_rules.bare_unit = std::chrono::milliseconds(1);
  AddDurationOption(&app, "--hedge-after", ctx.hedge_after, hedge_rules,
                    "Send a read also to the next region when it has not answered within this delay "
                    "(default: off)");
}

}  // namespace lkcpp
