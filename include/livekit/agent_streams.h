#pragma once
/// @file
/// AgentStreamClient: the streamed build and log endpoints of LiveKit Cloud agents, delivered
/// line by line to a callback as the lines arrive.
///
/// Both are plain HTTP on the agents host (not Twirp): `POST {agents}/build` answers one
/// BuildKit SolveStatus JSON object per line while the image builds, and a line
/// `BUILD ERROR: <message>` when it fails; `GET {agents}/logs` answers the agent's deploy or
/// build log as text lines. The body is never collected: each line goes to the callback as
/// soon as its end arrives, on the SDK's I/O thread, on the same engine as every API call
/// (no thread per stream).

#include <chrono>
#include <cstddef>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "livekit/call_handle.h"
#include "livekit/client_options.h"
#include "livekit/result.h"

namespace livekit {

/// `POST {agents}/build`: builds the image of an uploaded source archive.
struct AgentBuildRequest {
  /// The agent (required).
  std::string agent_id;
  /// The deployment of a DeployAgentV2 (empty: none).
  std::string deployment;
  /// Version attributes, sent as `X-LIVEKIT-AGENT-VERSION-ATTRIBUTES` = base64(JSON object);
  /// empty: the header is not sent.
  std::map<std::string, std::string> version_attributes;
};

/// Which log `GET {agents}/logs` streams.
enum class AgentLogType {
  kDeploy,  ///< `deploy`: the agent's deployment and runtime log
  kBuild,   ///< `build`: the log of the last build
};

/// `GET {agents}/logs`: an agent's log.
struct AgentLogsRequest {
  /// The agent (required).
  std::string agent_id;
  /// Which log (default deploy).
  AgentLogType log_type = AgentLogType::kDeploy;
  /// The deployment (empty: the current one).
  std::string deployment;
};

/// Options of one stream. Plain value type.
struct StreamOptions {
  /// Deadline of the whole stream, from connecting to its last line (default 1 hour; positive
  /// and at most 24 h). When it passes the stream fails with ErrorCode::kTimeout, after the
  /// lines that came before it were delivered.
  std::chrono::milliseconds deadline = std::chrono::hours(1);
  /// Fails the stream with ErrorCode::kTimeout when no byte arrives for this long (0, the
  /// default: off). A build sends progress often, so a few minutes catch a stalled one early;
  /// a deploy log that follows a quiet agent may rightly say nothing for long.
  std::chrono::milliseconds idle_timeout{0};
  /// The longest line accepted, in bytes, without its line end (default 1 MiB). A longer
  /// one fails the stream with ErrorCode::kBadResponse (the lines before it were delivered).
  std::size_t max_line_bytes = 1024 * 1024;
  /// Extra headers for this stream, after the client's.
  HeaderList headers;
};

/// Receives one line (without its LF or CRLF) on the SDK's I/O thread. The view is valid
/// during the call only. Must not block: the next lines, and every other call of the
/// engine, wait for it. An exception it throws stops the stream (ErrorCode::kInternal).
using LineCallback = std::function<void(std::string_view line)>;

/// The build and log streams of LiveKit Cloud agents.
///
/// The host is the agents host of the options: ClientOptions::agents_url, else
/// `LK_AGENTS_URL`, else derived from `url` (`wss://proj.livekit.cloud` ->
/// `https://agents.livekit.cloud`; `localhost` and IP addresses kept as given). Each stream
/// signs a 10-minute token with the `agent.admin` grant (or sends the configured token
/// verbatim) and sends the SDK version as `X-LIVEKIT-CLI-VERSION`. Streams are not failed
/// over nor retried: a build is not idempotent, and a log stream is simply opened again.
///
/// A stream ends with OK when the server ends the answer cleanly (a last line without a
/// line end is delivered too). Otherwise the Status says why, and every line that arrived
/// before was delivered: a non-2xx answer gives kServerRejection (4xx) or kServerFailure
/// (5xx) with the status, the server's `msg` as the message and its `meta` as metadata; a
/// `BUILD ERROR:` line gives kServerFailure "build failed: <message>" (HTTP status 200; the
/// line itself is delivered first); a connection cut mid-stream gives kTransport saying how
/// many lines were delivered (a partial last line is dropped); the deadline or idle timeout
/// gives kTimeout; Cancel() gives kCancelled.
///
/// Thread safety: a copyable handle over shared state; concurrent streams from any threads
/// are safe. Uses the libcurl engine always (ClientOptions::transport is not used).
class AgentStreamClient {
 public:
  /// Resolves the options as every client does; unusable ones do not throw: status() tells,
  /// and every stream fails with that error (ErrorCode::kInvalidArgument).
  explicit AgentStreamClient(ClientOptions options = {});
  /// OK, or why the options given to the constructor are unusable.
  const Status& status() const;

  /// Streams the build's lines to `on_line`; blocks until the stream ends. Must not be
  /// called from an SDK callback (kInternal there).
  Status StreamBuild(const AgentBuildRequest& request, LineCallback on_line, const StreamOptions& options = {}) const;
  /// StreamBuild, returning at once; the future becomes ready when the stream ends.
  std::future<Status> StreamBuildAsync(const AgentBuildRequest& request, LineCallback on_line,
                                       const StreamOptions& options = {}) const;
  /// StreamBuild, returning at once; `done` runs once, after the last line, on the SDK's I/O
  /// thread (or on the calling thread when the stream fails before it starts). The handle
  /// cancels: once Cancel() returns no further line is delivered (one already running on
  /// the I/O thread finishes), and `done` gets kCancelled unless the stream had ended.
  CallHandle StreamBuildAsync(const AgentBuildRequest& request, LineCallback on_line,
                              std::function<void(Status)> done, const StreamOptions& options = {}) const;

  /// Streams the log's lines to `on_line`; blocks until the stream ends (see StreamBuild).
  Status StreamLogs(const AgentLogsRequest& request, LineCallback on_line, const StreamOptions& options = {}) const;
  /// StreamLogs, returning at once; the future becomes ready when the stream ends.
  std::future<Status> StreamLogsAsync(const AgentLogsRequest& request, LineCallback on_line,
                                      const StreamOptions& options = {}) const;
  /// StreamLogs, returning at once; `done` and the handle as for StreamBuildAsync.
  CallHandle StreamLogsAsync(const AgentLogsRequest& request, LineCallback on_line, std::function<void(Status)> done,
                             const StreamOptions& options = {}) const;

  class Impl;

 private:
  std::shared_ptr<const Impl> impl_;
};

}  // namespace livekit
