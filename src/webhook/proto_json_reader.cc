#include "webhook/proto_json_reader.h"

#include "common/json_sax.h"

#include <google/protobuf/descriptor.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <unordered_set>
#include <vector>

namespace livekit::internal {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// The field a JSON member names: its json_name, else its proto name (as protobuf accepts).
const FieldDescriptor* FindField(const Descriptor* d, const std::string& key) {
  const FieldDescriptor* f = d->FindFieldByCamelcaseName(key);
  if (f != nullptr && f->json_name() == key) return f;
  f = d->FindFieldByName(key);
  if (f != nullptr) return f;
  for (int i = 0; i < d->field_count(); ++i) {  // a custom json_name: rare, so a scan is fine
    if (d->field(i)->json_name() == key) return d->field(i);
  }
  return nullptr;
}

bool IsWellKnown(const Descriptor* d) { return d->file()->package() == "google.protobuf"; }

class Reader {
 public:
  explicit Reader(Message* root) : root_(root) {}

  // ---- SAX interface (common/json_sax.h) ----
  bool null() {
    if (skip_.active()) return true;
    if (frames_.empty() || frames_.back().kind != Frame::kMessage) return GiveUp();  // null in a list or map
    if (field_ == nullptr) return unknown_ || GiveUp();
    // A null member is the field's default, except for google.protobuf.Value and friends.
    if (field_->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && IsWellKnown(field_->message_type())) {
      return GiveUp();
    }
    return true;
  }
  bool boolean(bool v) {
    Slot t;
    if (const Dest d = Target(&t); d != Dest::kField) return d == Dest::kSkip;
    const auto [f, m, r] = t;
    if (f->cpp_type() != FieldDescriptor::CPPTYPE_BOOL) return GiveUp();
    f->is_repeated() ? r->AddBool(m, f, v) : r->SetBool(m, f, v);
    return true;
  }
  bool number_integer(std::int64_t v) { return Integer(v < 0, static_cast<std::uint64_t>(v), v); }
  bool number_unsigned(std::uint64_t v) { return Integer(false, v, static_cast<std::int64_t>(v)); }
  bool number_float(double v, const std::string& /*text*/) {
    Slot t;
    if (const Dest d = Target(&t); d != Dest::kField) return d == Dest::kSkip;
    const auto [f, m, r] = t;
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_DOUBLE:
        f->is_repeated() ? r->AddDouble(m, f, v) : r->SetDouble(m, f, v);
        return true;
      case FieldDescriptor::CPPTYPE_FLOAT:
        if (std::fabs(v) > std::numeric_limits<float>::max()) return GiveUp();
        f->is_repeated() ? r->AddFloat(m, f, static_cast<float>(v)) : r->SetFloat(m, f, static_cast<float>(v));
        return true;
      default:
        return GiveUp();  // e.g. 1.0 for an integer field: protobuf's rules decide
    }
  }
  bool string(std::string& v) {
    Slot t;
    if (const Dest d = Target(&t); d != Dest::kField) return d == Dest::kSkip;
    const auto [f, m, r] = t;
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        if (f->type() == FieldDescriptor::TYPE_BYTES) return GiveUp();  // base64 variants: protobuf's job
        f->is_repeated() ? r->AddString(m, f, std::move(v)) : r->SetString(m, f, std::move(v));
        return true;
      case FieldDescriptor::CPPTYPE_ENUM: {
        const auto* value = f->enum_type()->FindValueByName(v);
        if (value == nullptr) return GiveUp();
        f->is_repeated() ? r->AddEnumValue(m, f, value->number()) : r->SetEnumValue(m, f, value->number());
        return true;
      }
      case FieldDescriptor::CPPTYPE_INT64:
      case FieldDescriptor::CPPTYPE_UINT64:
      case FieldDescriptor::CPPTYPE_INT32:
      case FieldDescriptor::CPPTYPE_UINT32:
        return QuotedInteger(v, f, m);
      default:
        return GiveUp();
    }
  }

  bool start_object(std::size_t /*n*/) {
    if (++depth_ > kMaxJsonDepth) return GiveUp();  // protobuf's parser reports it
    if (skip_.active()) return skip_.Nest();
    if (frames_.empty()) {
      frames_.push_back({Frame::kMessage, root_, nullptr});
      return true;
    }
    const Frame top = frames_.back();
    const FieldDescriptor* f = nullptr;
    if (top.kind == Frame::kMessage) {
      if (field_ == nullptr) return unknown_ ? skip_.Nest() : GiveUp();
      f = field_;
      if (f->is_map()) {
        const Descriptor* entry = f->message_type();
        if (entry->map_key()->cpp_type() != FieldDescriptor::CPPTYPE_STRING ||
            entry->map_value()->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
          return GiveUp();
        }
        frames_.push_back({Frame::kMap, top.message, f});
        field_ = nullptr;
        map_keys_.clear();  // maps do not nest here (a message value gives up): one set will do
        return true;
      }
      if (f->is_repeated()) return GiveUp();  // an object where a list belongs
    } else if (top.kind == Frame::kList) {
      f = top.field;
    } else {
      return GiveUp();
    }
    if (f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || IsWellKnown(f->message_type())) return GiveUp();
    const Reflection* r = top.message->GetReflection();
    Message* child = f->is_repeated() ? r->AddMessage(top.message, f) : r->MutableMessage(top.message, f);
    frames_.push_back({Frame::kMessage, child, nullptr});
    field_ = nullptr;
    unknown_ = false;
    return true;
  }
  bool end_object() {
    --depth_;
    return skip_.active() ? skip_.Unnest() : Pop();
  }
  bool start_array(std::size_t /*n*/) {
    if (++depth_ > kMaxJsonDepth) return GiveUp();
    if (skip_.active()) return skip_.Nest();
    if (frames_.empty() || frames_.back().kind != Frame::kMessage) return GiveUp();  // only as members
    if (field_ == nullptr) return unknown_ ? skip_.Nest() : GiveUp();
    if (!field_->is_repeated() || field_->is_map()) return GiveUp();
    frames_.push_back({Frame::kList, frames_.back().message, field_});
    return true;
  }
  bool end_array() {
    --depth_;
    return skip_.active() ? skip_.Unnest() : Pop();
  }
  bool key(std::string& k) {
    if (skip_.active()) return true;
    Frame& top = frames_.back();
    if (top.kind == Frame::kMap) {
      // A map entry: its key now, its value in the next event. A key given twice in one
      // object is protobuf's to refuse.
      if (!map_keys_.insert(k).second) return GiveUp();
      Message* entry = top.message->GetReflection()->AddMessage(top.message, top.field);
      const Descriptor* d = entry->GetDescriptor();
      entry->GetReflection()->SetString(entry, d->map_key(), std::move(k));
      map_entry_ = entry;
      field_ = d->map_value();
      return true;
    }
    if (k.empty()) return GiveUp();  // protobuf refuses a member without a name
    field_ = FindField(top.message->GetDescriptor(), k);
    unknown_ = field_ == nullptr;
    return true;
  }

  bool gave_up() const { return gave_up_; }

 private:
  struct Frame {
    enum Kind { kMessage, kList, kMap } kind;
    Message* message;              // the message holding the fields being read
    const FieldDescriptor* field;  // kList, kMap: the repeated or map field
  };
  enum class Dest { kField, kSkip, kStop };

  // A field to write: field f of message m, through m's reflection r.
  struct Slot {
    const FieldDescriptor* f = nullptr;
    Message* m = nullptr;
    const Reflection* r = nullptr;
  };
  // Where a scalar value goes: a field of a message (filling `slot`), nowhere (an unknown
  // member), or nowhere because we gave up.
  Dest Target(Slot* slot) {
    if (skip_.active()) return Dest::kSkip;
    if (frames_.empty()) return Stop();
    const Frame& top = frames_.back();
    switch (top.kind) {
      case Frame::kMessage:
        if (field_ == nullptr) return unknown_ ? Dest::kSkip : Stop();
        if (field_->is_repeated()) return Stop();  // a scalar where a list belongs
        *slot = {field_, top.message, top.message->GetReflection()};
        return Dest::kField;
      case Frame::kList:
        *slot = {top.field, top.message, top.message->GetReflection()};
        return Dest::kField;
      case Frame::kMap:
        if (map_entry_ == nullptr || field_ == nullptr) return Stop();
        *slot = {field_, map_entry_, map_entry_->GetReflection()};
        return Dest::kField;
    }
    return Stop();
  }
  bool QuotedInteger(const std::string& v, const FieldDescriptor* /*f*/, Message* /*m*/) {
    // 64-bit integers are strings in proto3 JSON (32-bit ones may be too).
    if (v.empty()) return GiveUp();
    const char* first = v.data();
    const char* last = v.data() + v.size();
    if (v[0] == '-') {
      std::int64_t n = 0;
      auto res = std::from_chars(first, last, n);
      if (res.ec != std::errc() || res.ptr != last) return GiveUp();
      return Integer(true, static_cast<std::uint64_t>(n), n);
    }
    std::uint64_t n = 0;
    auto res = std::from_chars(first, last, n);
    if (res.ec != std::errc() || res.ptr != last) return GiveUp();
    return Integer(false, n, static_cast<std::int64_t>(n));
  }
  bool Integer(bool negative, std::uint64_t u, std::int64_t s) {
    Slot t;
    if (const Dest d = Target(&t); d != Dest::kField) return d == Dest::kSkip;
    const auto [f, m, r] = t;
    const bool rep = f->is_repeated();
    const bool fits_int32 = negative ? s >= std::numeric_limits<std::int32_t>::min()
                                     : u <= static_cast<std::uint64_t>(std::numeric_limits<std::int32_t>::max());
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT64:
        if (!negative && u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return GiveUp();
        rep ? r->AddInt64(m, f, s) : r->SetInt64(m, f, s);
        return true;
      case FieldDescriptor::CPPTYPE_UINT64:
        if (negative) return GiveUp();
        rep ? r->AddUInt64(m, f, u) : r->SetUInt64(m, f, u);
        return true;
      case FieldDescriptor::CPPTYPE_INT32:
        if (!fits_int32) return GiveUp();
        rep ? r->AddInt32(m, f, static_cast<std::int32_t>(s)) : r->SetInt32(m, f, static_cast<std::int32_t>(s));
        return true;
      case FieldDescriptor::CPPTYPE_UINT32:
        if (negative || u > std::numeric_limits<std::uint32_t>::max()) return GiveUp();
        rep ? r->AddUInt32(m, f, static_cast<std::uint32_t>(u)) : r->SetUInt32(m, f, static_cast<std::uint32_t>(u));
        return true;
      case FieldDescriptor::CPPTYPE_ENUM:
        // Only known numbers: what protobuf does with others depends on the enum's syntax.
        if (!fits_int32 || f->enum_type()->FindValueByNumber(static_cast<int>(s)) == nullptr) return GiveUp();
        rep ? r->AddEnumValue(m, f, static_cast<int>(s)) : r->SetEnumValue(m, f, static_cast<int>(s));
        return true;
      case FieldDescriptor::CPPTYPE_DOUBLE: {
        const double v = negative ? static_cast<double>(s) : static_cast<double>(u);
        rep ? r->AddDouble(m, f, v) : r->SetDouble(m, f, v);
        return true;
      }
      case FieldDescriptor::CPPTYPE_FLOAT: {
        const float v = negative ? static_cast<float>(s) : static_cast<float>(u);
        rep ? r->AddFloat(m, f, v) : r->SetFloat(m, f, v);
        return true;
      }
      default:
        return GiveUp();
    }
  }
  // Closes a list, a map or a message; the next key (or list element) says what comes next.
  bool Pop() {
    frames_.pop_back();
    field_ = nullptr;
    unknown_ = false;
    map_entry_ = nullptr;
    return true;
  }
  Dest Stop() {
    gave_up_ = true;
    return Dest::kStop;
  }
  bool GiveUp() {
    gave_up_ = true;
    return false;
  }

  Message* root_;
  std::vector<Frame> frames_;
  const FieldDescriptor* field_ = nullptr;  // the field of the current member or map value
  bool unknown_ = false;                    // the current member names no field
  Message* map_entry_ = nullptr;
  std::unordered_set<std::string> map_keys_;  // the keys of the map being read
  JsonSkip skip_;                           // inside an unknown member's value
  int depth_ = 0;                           // nesting of the value being read
  bool gave_up_ = false;
};

}  // namespace

bool ReadProtoJsonFast(std::string_view json, Message* message) {
  Reader reader(message);
  const bool ok = SaxParse(json, &reader);
  return ok && !reader.gave_up();
}

}  // namespace livekit::internal
