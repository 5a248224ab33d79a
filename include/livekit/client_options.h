#pragma once
/// @file
/// ClientOptions: where and how the API clients reach a LiveKit server.

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "livekit/defaults.h"
#include "livekit/failover_options.h"

namespace livekit {

class HttpTransport;  // livekit/http_transport.h

/// The wire encoding of requests and responses. Both are Twirp; a LiveKit server accepts both.
enum class Encoding {
  kProtobuf,  ///< protobuf binary, `application/protobuf` (default: smaller and faster)
  kJson,      ///< proto3 JSON, `application/json`
};

/// TLS settings. Peer and host verification stay on unless `verify` is explicitly set false.
struct TlsOptions {
  /// Verify the server's certificate and host name (default true; false only for tests).
  bool verify = true;
  /// A PEM file of trusted CA certificates; empty: the system's store.
  std::string ca_bundle_path;

  /// Equal in every field (the SDK reuses a connection's TLS set-up only for equal settings).
  friend bool operator==(const TlsOptions& a, const TlsOptions& b) {
    return a.verify == b.verify && a.ca_bundle_path == b.ca_bundle_path;
  }
  /// Different in some field.
  friend bool operator!=(const TlsOptions& a, const TlsOptions& b) { return !(a == b); }
};

/// A list of HTTP headers, sent in order.
using HeaderList = std::vector<std::pair<std::string, std::string>>;

/// Options of a client (and of LiveKitAPI). A plain value type; safe to copy between threads.
///
/// Empty credentials fall back to the environment: `url` to `LIVEKIT_URL`, `api_key` to
/// `LIVEKIT_API_KEY`, `api_secret` to `LIVEKIT_API_SECRET`, and `token` to `LIVEKIT_TOKEN`
/// (the token only when no key and secret are available). With a key and secret every call
/// signs its own short-lived token with the least grant the method needs; with only a token,
/// that token is sent verbatim.
struct ClientOptions {
  /// Server URL: `https://`, `http://`, `wss://` or `ws://` (the WebSocket schemes are mapped
  /// to their HTTP counterparts). A path, if any, is kept in front of `twirp_prefix`.
  std::string url;
  /// LiveKit Cloud's agents host, where CloudAgentClient calls go (the other clients, the
  /// agent simulation and AgentDB ones included, use `url`). Empty: the `LK_AGENTS_URL`
  /// environment variable, else `url` with its host's first label replaced by `agents`, over
  /// https (`wss://proj.livekit.cloud` -> `https://agents.livekit.cloud`); a `url` on
  /// `localhost` (any host without a dot) or an IP address is used as it is. Same forms as
  /// `url`; an unusable value here fails the client, an unusable LK_AGENTS_URL the CloudAgent
  /// calls only.
  std::string agents_url;
  /// API key; empty: LIVEKIT_API_KEY.
  std::string api_key;
  /// API secret; empty: LIVEKIT_API_SECRET. Never logged nor put in an error.
  std::string api_secret;
  /// A pre-signed token sent verbatim (used only when api_key/api_secret are not both set).
  std::string token;
  /// Time limit of one HTTP attempt (default 10 s; positive and at most 24 h, kInvalidArgument
  /// otherwise). Phone-dialing methods wait longer: max(timeout, ringing timeout + 2 s), with a
  /// ringing timeout of at most 24 h.
  std::chrono::milliseconds timeout = kDefaultTimeout;
  /// Headers sent on every request (every attempt and region discovery included).
  HeaderList headers;
  /// Wire encoding (default protobuf binary).
  Encoding encoding = Encoding::kProtobuf;
  /// Twirp path prefix (default `/twirp`).
  std::string twirp_prefix = kDefaultTwirpPrefix;
  /// TLS settings (verification on by default).
  TlsOptions tls;
  /// Answers larger than this fail with ErrorCode::kBadResponse (default 8 MiB). An answer
  /// that announces a larger Content-Length is refused before its body is read.
  std::size_t max_response_bytes = kDefaultMaxResponseBytes;
  /// Region failover (LiveKit Cloud). See failover_options.h.
  FailoverOptions failover;
  /// At most this many requests of this client in flight per host (scheme, host and port);
  /// 0 (default): no limit, as in Go's net/http and Node's undici. A request over the limit
  /// waits, first in, first out, for one of them to end, within its attempt timeout; when that
  /// passes first it fails with ErrorCode::kConnectionLimit ("no connection to HOST was free
  /// within N ms ..."), which is not retried on another region. Phone-dialing calls (which
  /// wait for an answer) have a lane of their own with the same limit, so they never hold the
  /// places of other calls.
  std::size_t max_requests_per_host = 0;
  /// True: the client gets an HTTP engine (I/O thread, connection pool) of its own instead of
  /// the process-wide shared one.
  bool dedicated_engine = false;
  /// Null (default): the network. Set: every HTTP exchange of the client goes to this
  /// transport instead (tests: livekit/testing/fake_livekit.h); the rest of the SDK (tokens,
  /// encodings, discovery, failover, timeouts) runs as usual. See http_transport.h.
  std::shared_ptr<HttpTransport> transport;
};

}  // namespace livekit
