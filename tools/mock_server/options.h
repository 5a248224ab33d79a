#pragma once
// Start-up options of lk-mock-server: the official test server's flags and environment
// variables (spec/mock-server.md), plus this project's own (--threads, TLS, --region-urls,
// --services).

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "livekit/defaults.h"
#include "method_grants.h"

namespace livekit::mock {

struct MockServerOptions {
  std::vector<std::uint16_t> ports{9999, 10000, 10001, 10002};  // index = region index; 0 = any free port
  std::string advertise_host = "http://127.0.0.1";
  std::string bind = "127.0.0.1";  // the official server binds 0.0.0.0; loopback is the safer default
  std::string twirp_prefix = kDefaultTwirpPrefix;
  std::string api_secret = "secret";
  int threads = 2;  // threads running the single io_context (1 or 2 is plenty)
  std::string tls_cert;  // PEM certificate chain; with tls_key set, every listener serves TLS only
  std::string tls_key;   // PEM private key
  int tls_handshake_timeout_ms = 5000;  // a client that never finishes the handshake is cut off
  bool advertise_host_set = false;      // --advertise-host given: keep it even with TLS
  // --region-urls: the region list names these URLs (one per port, in order) instead of
  // advertise_host:port, e.g. the TLS proxies in front of the listeners; empty = not given.
  std::vector<std::string> region_urls;
  // --services: every listener serves both hosts' methods (all), or only the project's or
  // only the agents host's (CloudAgent), for tests that must tell the two hosts apart.
  Services services = Services::kAll;
  bool tls() const { return !tls_cert.empty(); }
};

/// What the command line asked for.
struct ParsedOptions {
  enum class Action { kRun, kHelp, kError };
  Action action = Action::kRun;
  MockServerOptions options;
  std::string error;  // for kError: what is wrong, for the user
};

/// Reads the environment (LK_TEST_SERVER_*) through `getenv`, then the flags, which win.
/// Flags take `--flag value` or `--flag=value`.
ParsedOptions ParseOptions(const std::vector<std::string>& args,
                           const std::function<const char*(const char*)>& getenv);

/// The text printed by --help.
std::string HelpText();

}  // namespace livekit::mock
