#pragma once
// The global options of lkcpp, shared by every command group, and its exit codes.

#include <CLI/CLI.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace lkcpp {

/// Exit codes every command uses.
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,      ///< an internal error
  kExitUsage = 2,        ///< bad flags or arguments, missing credentials
  kExitRejected = 3,     ///< verification failed or the server refused the request
  kExitUnreachable = 4,  ///< no usable answer: transport failure, timeout, server failure
};

/// Global options, filled by CLI11 (flags, then the environment variables in brackets).
/// Commands read them in their callbacks and store their exit code in `exit_code`.
struct CliContext {
  std::string url;                   ///< --url [LIVEKIT_URL]
  std::string agents_url;            ///< --agents-url: the `agent` commands' host (else LK_AGENTS_URL, read by the SDK)
  std::string api_key;               ///< --api-key [LIVEKIT_API_KEY]
  std::string api_secret;            ///< --api-secret [LIVEKIT_API_SECRET]
  std::string token;                 ///< --token [LIVEKIT_TOKEN]: used only without key and secret
  std::chrono::milliseconds timeout = std::chrono::seconds(10);  ///< --timeout: per HTTP attempt
  std::vector<std::string> headers;  ///< --header "Name: value", repeatable
  std::string ca_file;               ///< --ca-file [CURL_CA_BUNDLE], else SSL_CERT_FILE: trusted CAs (PEM)
  bool json = false;                 ///< --json: machine-readable output
  bool verbose = false;              ///< --verbose: attempts and timings on stderr
  bool no_failover = false;          ///< --no-failover: talk to --url only
  bool failover_force = false;       ///< --failover-force: fail over even where not by default
  std::chrono::milliseconds hedge_after{0};  ///< --hedge-after: hedge reads after this delay (0: no hedging)

  std::string command;  ///< the command running, e.g. "room list": names what failed
  std::string server;   ///< the server the command talks to when not --url (the agents host)
  int exit_code = kExitOk;
};

/// Registers the global options on the top-level app.
void AddGlobalOptions(CLI::App& app, CliContext& ctx);

}  // namespace lkcpp
