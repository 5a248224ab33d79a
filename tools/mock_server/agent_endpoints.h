#pragma once
// The plain-HTTP endpoints of a LiveKit Cloud agent deploy, beside the Twirp routes:
//
// - presigned uploads: `PUT` and multipart `POST` to any path under /_test/upload/ (the
//   query string stands for a presigned URL's signature and is ignored). Each upload is
//   recorded byte-exact: GET /_test/uploads lists them (JSON), GET /_test/uploads/N/file
//   answers upload N's file bytes (the PUT body, or the POST's `file` part).
// - the agents host's streams: `POST /build` and `GET /logs`, lines sent over time as a
//   chunked answer. GET /_test/agent-streams lists each stream with the lines it sent so
//   far and how it ended; POST /_test/agent-streams/release lets streams that hold
//   (streamHoldAfter) go on.
//
// The X-Lk-Mock fail modes apply (failRegions with status, drop or hang); for a stream,
// drop cuts it mid-line and hang stops sending without ending it, each after
// streamFailAfter lines. X-Lk-Mock fields of these endpoints only: streamLines (default 5),
// streamIntervalMs (default 10), streamFailAfter (default 2), streamHoldAfter (hold after
// that many lines until released), streamLineBytes (pad each line to this size),
// buildError (a `BUILD ERROR: <text>` line after the lines).

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "request_handler.h"

namespace livekit::mock {

/// What the mock knows of one stream while it runs (shared with GET /_test/agent-streams).
struct StreamRecord {
  std::string path;
  std::string query;
  std::string cli_version;         // X-LIVEKIT-CLI-VERSION
  std::string version_attributes;  // X-LIVEKIT-AGENT-VERSION-ATTRIBUTES, as sent
  std::size_t lines_planned = 0;
  std::size_t lines_sent = 0;
  std::string state = "streaming";  // streaming, holding, finished, dropped, hanging, clientClosed
};

/// A chunked answer sent over time: the head, then each piece after its wait.
struct StreamPlan {
  enum class End { kFinish, kDrop, kHang };
  struct Piece {
    std::chrono::milliseconds wait{0};
    std::string bytes;  // framed as one chunk, except the cut piece of a drop
    bool line = true;   // a whole line (counted in lines_sent)
  };
  std::string head;  // status line and headers, up to the blank line
  std::vector<Piece> pieces;
  End end = End::kFinish;
  std::size_t hold_after = static_cast<std::size_t>(-1);  // pieces sent before holding
  std::uint64_t release_seen = 0;  // releases counted when the stream began
  std::shared_ptr<StreamRecord> record;
};

/// The answer of an upload or stream endpoint, or nullopt when `request` is not for one.
std::optional<Outcome> HandleAgentEndpoint(const ServerContext& context, std::size_t region_index,
                                           const HttpRequest& request);

/// Releases made so far (POST /_test/agent-streams/release).
std::uint64_t StreamReleases();
/// Updates a stream's record under the registry's lock.
void UpdateStreamRecord(StreamRecord& record, std::size_t lines_sent, const char* state);

}  // namespace livekit::mock
