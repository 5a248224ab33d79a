#include "agent/upload_body.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace livekit::internal {

std::shared_ptr<UploadBody> UploadBody::FromBytes(std::string bytes) {
  std::shared_ptr<UploadBody> body(new UploadBody());
  body->bytes_ = std::move(bytes);
  return body;
}

Result<std::shared_ptr<UploadBody>> UploadBody::FromFile(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    return Error(ErrorCode::kInvalidArgument, "cannot open the upload file " + path + ": " + std::strerror(errno));
  }
  std::shared_ptr<UploadBody> body(new UploadBody());
  body->file_ = f;
  body->path_ = path;
  if (std::fseek(f, 0, SEEK_END) != 0 || (body->file_size_ = std::ftell(f)) < 0 || std::fseek(f, 0, SEEK_SET) != 0) {
    return Error(ErrorCode::kInvalidArgument, "cannot read the size of the upload file " + path + " (not a regular file?)");
  }
  return body;
}

UploadBody::~UploadBody() {
  if (file_ != nullptr) std::fclose(file_);
}

void UploadBody::Wrap(std::string head, std::string tail) {
  head_ = std::move(head);
  tail_ = std::move(tail);
}

bool UploadBody::OnBodyChunk(int, std::string_view chunk) {
  Touch();
  const std::size_t room = kMaxAnswerBody - std::min(kMaxAnswerBody, answer_.size());
  answer_.append(chunk.substr(0, room));
  return true;
}

std::int64_t UploadBody::UploadSize() const {
  const std::int64_t payload = file_ != nullptr ? file_size_ : static_cast<std::int64_t>(bytes_.size());
  return static_cast<std::int64_t>(head_.size()) + payload + static_cast<std::int64_t>(tail_.size());
}

std::size_t UploadBody::CopyFrom(const std::string& text, std::size_t* offset, char* buffer, std::size_t size) {
  const std::size_t n = std::min(size, text.size() - *offset);
  std::memcpy(buffer, text.data() + *offset, n);
  *offset += n;
  return n;
}

std::size_t UploadBody::ReadBody(char* buffer, std::size_t size) {
  Touch();
  if (head_at_ < head_.size()) return CopyFrom(head_, &head_at_, buffer, size);
  const std::int64_t payload = file_ != nullptr ? file_size_ : static_cast<std::int64_t>(bytes_.size());
  if (payload_at_ < payload) {
    const std::size_t want = static_cast<std::size_t>(std::min<std::int64_t>(static_cast<std::int64_t>(size), payload - payload_at_));
    if (file_ == nullptr) {
      std::memcpy(buffer, bytes_.data() + payload_at_, want);
      payload_at_ += static_cast<std::int64_t>(want);
      return want;
    }
    const std::size_t got = std::fread(buffer, 1, want, file_);
    if (got == 0) {
      read_error_ = std::ferror(file_) ? "reading the upload file " + path_ + " failed: " + std::strerror(errno)
                                       : "the upload file " + path_ + " shrank while it was sent";
      return kReadFailed;
    }
    payload_at_ += static_cast<std::int64_t>(got);
    return got;
  }
  if (tail_at_ < tail_.size()) return CopyFrom(tail_, &tail_at_, buffer, size);
  return 0;
}

}  // namespace livekit::internal
