#include "services/request_facts.h"

namespace livekit::internal {
namespace {

using FD = google::protobuf::FieldDescriptor;

const FD* Field(const google::protobuf::Message& m, const char* name, FD::Type type) {
  const FD* f = m.GetDescriptor()->FindFieldByName(name);
  return f != nullptr && !f->is_repeated() && f->type() == type ? f : nullptr;
}

std::string String(const google::protobuf::Message& m, const char* name) {
  const FD* f = Field(m, name, FD::TYPE_STRING);
  return f ? m.GetReflection()->GetString(m, f) : std::string();
}

}  // namespace

RequestFacts FactsByReflection(const google::protobuf::Message& m) {
  RequestFacts facts;
  facts.room = String(m, "room");
  if (facts.room.empty()) facts.room = String(m, "room_name");
  facts.destination_room = String(m, "destination_room");
  if (const FD* w = Field(m, "wait_until_answered", FD::TYPE_BOOL)) facts.wait_until_answered = m.GetReflection()->GetBool(m, w);
  const FD* t = Field(m, "ringing_timeout", FD::TYPE_MESSAGE);
  if (t != nullptr && t->message_type()->full_name() == "google.protobuf.Duration" && m.GetReflection()->HasField(m, t)) {
    const auto& d = m.GetReflection()->GetMessage(m, t);
    const auto* dd = d.GetDescriptor();
    const std::int64_t s = d.GetReflection()->GetInt64(d, dd->FindFieldByName("seconds"));
    const std::int32_t n = d.GetReflection()->GetInt32(d, dd->FindFieldByName("nanos"));
    facts.ringing_timeout = RingingTimeoutOf(s, n);
  }
  return facts;
}

}  // namespace livekit::internal
