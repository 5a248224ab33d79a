#include "options.h"

#include <charconv>
#include <string_view>

namespace livekit::mock {
namespace {

bool ParsePorts(std::string_view text, std::vector<std::uint16_t>* out, std::string* error) {
  std::vector<std::uint16_t> ports;
  while (true) {
    const std::size_t comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), value);
    if (item.empty() || ec != std::errc() || end != item.data() + item.size() || value > 65535) {
      *error = "invalid port '" + std::string(item) + "' in --ports (expected e.g. 9999,10000 or 0 for any free port)";
      return false;
    }
    ports.push_back(static_cast<std::uint16_t>(value));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  *out = std::move(ports);
  return true;
}

bool ParseThreads(std::string_view text, int* out, std::string* error) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 1 || value > 64) {
    *error = "invalid --threads '" + std::string(text) + "' (expected 1..64)";
    return false;
  }
  *out = value;
  return true;
}

bool ParseHandshakeTimeout(std::string_view text, int* out, std::string* error) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 1) {
    *error = "invalid --tls-handshake-timeout '" + std::string(text) + "' (expected milliseconds >= 1)";
    return false;
  }
  *out = value;
  return true;
}

// A comma-separated list of absolute http:// or https:// URLs, trailing slashes dropped.
bool ParseRegionUrls(std::string_view text, std::vector<std::string>* out, std::string* error) {
  std::vector<std::string> urls;
  while (true) {
    const std::size_t comma = text.find(',');
    std::string url(text.substr(0, comma));
    while (!url.empty() && url.back() == '/') url.pop_back();
    const bool scheme = url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
    const std::size_t host = scheme ? url.find("://") + 3 : 0;  // where the host starts
    if (!scheme || url.size() <= host || url.find_first_of(" \t") != std::string::npos) {
      *error = "invalid URL '" + url + "' in --region-urls (expected e.g. https://127.0.0.1:8443,https://127.0.0.1:8444)";
      return false;
    }
    urls.push_back(std::move(url));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  *out = std::move(urls);
  return true;
}

// Applies one setting by its flag name (without dashes); false with `error` when invalid.
bool Apply(std::string_view name, std::string_view value, MockServerOptions* o, std::string* error) {
  if (name == "ports") return ParsePorts(value, &o->ports, error);
  if (name == "advertise-host") {
    o->advertise_host = std::string(value);
    o->advertise_host_set = true;
    while (!o->advertise_host.empty() && o->advertise_host.back() == '/') o->advertise_host.pop_back();
    return true;
  }
  if (name == "region-urls") return ParseRegionUrls(value, &o->region_urls, error);
  if (name == "bind") {
    o->bind = std::string(value);
    return true;
  }
  if (name == "twirp-prefix") {
    std::string prefix(value);
    while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
    if (!prefix.empty() && prefix.front() != '/') prefix.insert(prefix.begin(), '/');
    o->twirp_prefix = prefix;
    return true;
  }
  if (name == "api-secret") {
    if (value.empty()) {
      *error = "--api-secret must not be empty";
      return false;
    }
    o->api_secret = std::string(value);
    return true;
  }
  if (name == "threads") return ParseThreads(value, &o->threads, error);
  if (name == "tls-cert" || name == "tls-key") {
    if (value.empty()) {
      *error = "--" + std::string(name) + " must not be empty";
      return false;
    }
    (name == "tls-cert" ? o->tls_cert : o->tls_key) = std::string(value);
    return true;
  }
  if (name == "services") {
    if (value == "all") o->services = Services::kAll;
    else if (value == "project") o->services = Services::kProject;
    else if (value == "agents") o->services = Services::kAgents;
    else {
      *error = "invalid --services '" + std::string(value) + "' (expected all, project or agents)";
      return false;
    }
    return true;
  }
  if (name == "tls-handshake-timeout") return ParseHandshakeTimeout(value, &o->tls_handshake_timeout_ms, error);
  *error = "unknown flag --" + std::string(name);
  return false;
}

}  // namespace

ParsedOptions ParseOptions(const std::vector<std::string>& args,
                           const std::function<const char*(const char*)>& getenv) {
  ParsedOptions result;
  static constexpr std::pair<const char*, const char*> kEnv[] = {
      {"LK_TEST_SERVER_PORTS", "ports"},
      {"LK_TEST_SERVER_ADVERTISE_HOST", "advertise-host"},
      {"LK_TEST_SERVER_BIND", "bind"},
      {"LK_TEST_SERVER_TWIRP_PREFIX", "twirp-prefix"},
      {"LK_TEST_SERVER_API_SECRET", "api-secret"},
      {"LK_TEST_SERVER_TLS_CERT", "tls-cert"},
      {"LK_TEST_SERVER_TLS_KEY", "tls-key"},
      {"LK_TEST_SERVER_SERVICES", "services"},
  };
  for (const auto& [env, flag] : kEnv) {
    const char* value = getenv(env);
    if (value == nullptr || *value == '\0') continue;
    std::string error;
    if (!Apply(flag, value, &result.options, &error)) {
      result.action = ParsedOptions::Action::kError;
      result.error = std::string(env) + ": " + error;
      return result;
    }
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (arg == "-h" || arg == "--help") {
      result.action = ParsedOptions::Action::kHelp;
      return result;
    }
    if (arg.substr(0, 2) != "--" || arg.size() == 2) {
      result.action = ParsedOptions::Action::kError;
      result.error = "unexpected argument '" + std::string(arg) + "'";
      return result;
    }
    arg.remove_prefix(2);
    std::string_view name = arg;
    std::string value;
    const std::size_t eq = arg.find('=');
    if (eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      value = std::string(arg.substr(eq + 1));
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      // A flag this server does not know is reported as unknown, not as lacking its value.
      MockServerOptions scratch;
      std::string unknown;
      const bool known = Apply(name, "", &scratch, &unknown) || unknown.rfind("unknown flag", 0) != 0;
      result.action = ParsedOptions::Action::kError;
      result.error = known ? "flag --" + std::string(name) + " needs a value" : unknown;
      return result;
    }
    std::string error;
    if (!Apply(name, value, &result.options, &error)) {
      result.action = ParsedOptions::Action::kError;
      result.error = error;
      return result;
    }
  }
  if (result.options.tls_cert.empty() != result.options.tls_key.empty()) {
    result.action = ParsedOptions::Action::kError;
    result.error = "--tls-cert and --tls-key go together (give both or neither)";
    return result;
  }
  if (!result.options.region_urls.empty() && result.options.region_urls.size() != result.options.ports.size()) {
    result.action = ParsedOptions::Action::kError;
    result.error = "--region-urls names " + std::to_string(result.options.region_urls.size()) +
                   " URL(s) for " + std::to_string(result.options.ports.size()) + " region(s) of --ports (give one per port)";
    return result;
  }
  // With TLS the region list must name https:// URLs unless the user chose a base URL.
  if (result.options.tls() && !result.options.advertise_host_set) result.options.advertise_host = "https://127.0.0.1";
  return result;
}

std::string HelpText() {
  return R"(lk-mock-server: a multi-region mock of LiveKit's server API (Twirp), for tests.

Usage: lk-mock-server [flags]

Flags (each also read from its environment variable; a flag wins over the variable):
  --ports LIST            LK_TEST_SERVER_PORTS           default 9999,10000,10001,10002
                          one listener per simulated region; position = region index,
                          index 0 is the primary; 0 picks a free port (printed when ready)
  --advertise-host URL    LK_TEST_SERVER_ADVERTISE_HOST  default http://127.0.0.1
                          base URL written into the region list (GET /settings/regions)
  --region-urls LIST      one URL per region, in --ports order: the region list names
                          these instead of <advertise-host>:<port> (e.g. TLS proxies
                          in front of the listeners)
  --bind ADDRESS          LK_TEST_SERVER_BIND            default 127.0.0.1
  --twirp-prefix PATH     LK_TEST_SERVER_TWIRP_PREFIX    default /twirp
  --api-secret SECRET     LK_TEST_SERVER_API_SECRET      default secret
                          the secret tokens must be signed with (any API key/issuer)
  --services WHICH        LK_TEST_SERVER_SERVICES        default all
                          all: every listener serves the core services and LiveKit
                          Cloud's agent services (CloudAgent, AgentSimulation,
                          AgentDBService); agents: only CloudAgent, as the Cloud's
                          agents host; project: everything but CloudAgent
  --threads N             default 2: threads serving all listeners
  --tls-cert FILE         LK_TEST_SERVER_TLS_CERT        PEM certificate chain
  --tls-key FILE          LK_TEST_SERVER_TLS_KEY         PEM private key
                          both given: every listener serves HTTPS only, and the default
                          --advertise-host becomes https://127.0.0.1
  --tls-handshake-timeout MS  default 5000: a TLS client that has not finished its
                          handshake by then is disconnected
  -h, --help              this text

Routes: GET /settings/regions, POST {prefix}/livekit.{Service}/{Method} (protobuf or JSON),
GET / and GET /_test/health, GET /_test/stats, POST /_test/stats/reset.
Behaviour per request: the X-Lk-Mock header (JSON), see docs/mock-server.md.
Stops on SIGINT or SIGTERM.
)";
}

}  // namespace livekit::mock
