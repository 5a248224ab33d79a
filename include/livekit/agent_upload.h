#pragma once
/// @file
/// Uploading an agent's source archive (or a simulation's source) to the presigned URL or
/// presigned POST that a CloudAgent or AgentSimulation response carries: the one step of a
/// deploy between the Twirp call and the build that is plain HTTP.
///
/// The SDK does not build archives: it uploads the bytes or the file it is given, a file
/// read from disk as it is sent (never held in memory whole). No Authorization header is
/// sent: the URL (or the POST's form fields) is the credential.
///
/// A presigned URL's query string, and a presigned POST's `policy` and signature fields, are
/// secrets (they grant write access until they expire): no error message, log or
/// Error::url() of these functions contains them.

#include <chrono>
#include <functional>
#include <future>
#include <string>
#include <utility>
#include <vector>

#include "livekit_cloud_agent.pb.h"

#include "livekit/call_handle.h"
#include "livekit/client_options.h"
#include "livekit/result.h"

namespace livekit {

/// What to upload: bytes in memory, or a file read as it is sent. Plain value type.
class UploadSource {
 public:
  /// Uploads `bytes` (e.g. a .tar.gz built in memory).
  static UploadSource FromBytes(std::string bytes) { return UploadSource(std::move(bytes), false); }
  /// Uploads the file at `path`, read as it is sent (its size is read when the upload starts).
  static UploadSource FromFile(std::string path) { return UploadSource(std::move(path), true); }

  /// True for FromFile.
  bool is_file() const { return is_file_; }
  /// The bytes (FromBytes) or the path (FromFile).
  const std::string& data() const { return data_; }

 private:
  UploadSource(std::string data, bool is_file) : data_(std::move(data)), is_file_(is_file) {}
  std::string data_;
  bool is_file_ = false;
};

/// Options of one upload. Plain value type.
struct UploadOptions {
  /// Deadline of the whole upload, from connecting to the answer (default 10 minutes;
  /// positive and at most 24 h). When it passes the upload fails with ErrorCode::kTimeout.
  std::chrono::milliseconds timeout = std::chrono::minutes(10);
  /// `Content-Type` of a PUT upload (a presigned URL is signed for it; default
  /// `application/gzip`, what LiveKit Cloud signs).
  std::string content_type = "application/gzip";
  /// Extra headers (some presigned URLs are signed for `x-amz-*` headers). An Authorization
  /// header is refused (kInvalidArgument): the URL is the credential.
  HeaderList headers;
  /// TLS settings (verification on by default).
  TlsOptions tls;
};

/// `PUT <presigned_url>` with `source` as the body (`Content-Type` from the options,
/// `Content-Length` the size): success is HTTP 200. Use it when the response has no
/// presigned POST. A failure is an Error with the HTTP status and a one-line summary of the
/// answer (kServerRejection for 4xx, kServerFailure for 5xx), or kTransport / kTimeout /
/// kCancelled; kInvalidArgument for an unusable URL or an unreadable file. Blocks; must not
/// be called from an SDK callback (kInternal there).
Status UploadToPresignedUrl(const std::string& presigned_url, const UploadSource& source,
                            const UploadOptions& options = {});
/// UploadToPresignedUrl, returning at once; the future becomes ready when the upload ends.
std::future<Status> UploadToPresignedUrlAsync(const std::string& presigned_url, const UploadSource& source,
                                              const UploadOptions& options = {});
/// UploadToPresignedUrl, returning at once; `done` runs once on the SDK's I/O thread (or on
/// the calling thread when the upload fails before it starts) and must not block. The handle
/// cancels (then `done` gets kCancelled).
CallHandle UploadToPresignedUrlAsync(const std::string& presigned_url, const UploadSource& source,
                                     std::function<void(Status)> done, const UploadOptions& options = {});

/// `POST <post.url()>` as multipart/form-data: one field per entry of `post.values()` (in
/// key order: a protobuf map has none of its own), then the part `file` holding `source`,
/// its filename `values["key"]`, or `upload.tar.gz` without a key. Success is HTTP 200, 201
/// or 204. Errors as for UploadToPresignedUrl. Blocks.
Status UploadToPresignedPost(const PresignedPostRequest& post, const UploadSource& source,
                             const UploadOptions& options = {});
/// UploadToPresignedPost, returning at once; the future becomes ready when the upload ends.
std::future<Status> UploadToPresignedPostAsync(const PresignedPostRequest& post, const UploadSource& source,
                                               const UploadOptions& options = {});
/// UploadToPresignedPost, returning at once; `done` as for UploadToPresignedUrlAsync.
CallHandle UploadToPresignedPostAsync(const PresignedPostRequest& post, const UploadSource& source,
                                      std::function<void(Status)> done, const UploadOptions& options = {});

}  // namespace livekit
