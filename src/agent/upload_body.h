#pragma once
// The request body of an upload, read piece by piece as libcurl sends it: bytes held in
// memory and, for a file, the file itself read from disk as it goes (never all in memory).
// A presigned POST wraps the file in multipart/form-data framing built here. The answer's
// body (S3 sends an XML document, or nothing) is kept, bounded, for the error of a failure.
// I/O thread only (exchange_stream.h), once started.

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "agent/streamed_call.h"
#include "livekit/result.h"

namespace livekit::internal {

class UploadBody final : public ActivityStream {
 public:
  /// The body is `bytes`.
  static std::shared_ptr<UploadBody> FromBytes(std::string bytes);
  /// The body is the file at `path`, opened now (kInvalidArgument when it cannot be).
  static Result<std::shared_ptr<UploadBody>> FromFile(const std::string& path);

  /// Puts `head` before the payload and `tail` after it (the multipart framing).
  void Wrap(std::string head, std::string tail);

  ~UploadBody() override;

  bool OnBodyChunk(int status, std::string_view chunk) override;
  std::int64_t UploadSize() const override;
  std::size_t ReadBody(char* buffer, std::size_t size) override;

  /// Why reading the file failed, if it did (the exchange was then aborted).
  const std::string& read_error() const { return read_error_; }
  const std::string& answer_body() const { return answer_; }

  static constexpr std::size_t kMaxAnswerBody = 64 * 1024;

 private:
  UploadBody() = default;
  std::size_t CopyFrom(const std::string& text, std::size_t* offset, char* buffer, std::size_t size);

  std::string head_;
  std::string bytes_;            // the payload when it is in memory
  std::FILE* file_ = nullptr;    // the payload when it is a file
  std::int64_t file_size_ = 0;
  std::string path_;
  std::string tail_;
  // Read position: in head_, in the payload, in tail_.
  std::size_t head_at_ = 0;
  std::int64_t payload_at_ = 0;
  std::size_t tail_at_ = 0;
  std::string read_error_;
  std::string answer_;
};

}  // namespace livekit::internal
