#include "auth/claims_json.h"

#include <google/protobuf/util/json_util.h>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "common/json_sax.h"
#include "common/json_writer.h"
#include "livekit_models.pb.h"

namespace livekit::internal {
namespace {

// The video grant's boolean members with their JSON names.
struct BoolMember {
  std::string_view name;
  std::optional<bool> VideoGrant::*member;
};
constexpr BoolMember kVideoBools[] = {
    {"roomCreate", &VideoGrant::room_create},
    {"roomJoin", &VideoGrant::room_join},
    {"roomList", &VideoGrant::room_list},
    {"roomRecord", &VideoGrant::room_record},
    {"roomAdmin", &VideoGrant::room_admin},
    {"ingressAdmin", &VideoGrant::ingress_admin},
    {"canPublish", &VideoGrant::can_publish},
    {"canSubscribe", &VideoGrant::can_subscribe},
    {"canPublishData", &VideoGrant::can_publish_data},
    {"canUpdateOwnMetadata", &VideoGrant::can_update_own_metadata},
    {"hidden", &VideoGrant::hidden},
    {"recorder", &VideoGrant::recorder},
    {"agent", &VideoGrant::agent},
    {"canSubscribeMetrics", &VideoGrant::can_subscribe_metrics},
    {"canManageAgentSession", &VideoGrant::can_manage_agent_session},
};

// Whether `name` is the lower-case name of a ParticipantInfo.KindDetail value this build knows.
// Tokens carry the lower-case spelling only, so "CLOUD_AGENT" is not a kind detail.
bool IsKnownKindDetail(const std::string& name) {
  if (std::any_of(name.begin(), name.end(), [](unsigned char ch) { return std::isupper(ch) != 0; })) return false;
  std::string upper = name;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char ch) {
    return static_cast<char>(std::toupper(ch));
  });
  livekit::ParticipantInfo_KindDetail value;
  return livekit::ParticipantInfo_KindDetail_Parse(upper, &value);
}

// ---- writing -------------------------------------------------------------------------

class Writer {
 public:
  explicit Writer(std::string* out) : out_(out) {}
  void Open() { out_->push_back('{'); first_ = true; }
  void Close() { out_->push_back('}'); first_ = false; }
  void Key(std::string_view k) {
    if (!first_) out_->push_back(',');
    first_ = false;
    out_->push_back('"');
    out_->append(k);  // our keys never need escaping
    out_->append("\":");
  }
  void String(std::string_view k, std::string_view v) { Key(k); ok_ &= AppendJsonString(out_, v); }
  void Bool(std::string_view k, bool v) { Key(k); out_->append(v ? "true" : "false"); }
  void Int(std::string_view k, std::int64_t v) { Key(k); AppendJsonInt(out_, v); }
  void Raw(std::string_view k, std::string_view v) { Key(k); out_->append(v); }
  void OptionalString(std::string_view k, const std::optional<std::string>& v) { if (v) String(k, *v); }
  void OptionalBool(std::string_view k, const std::optional<bool>& v) { if (v) Bool(k, *v); }
  // An object of optional booleans, e.g. "sip":{"admin":true}.
  void BoolObject(std::string_view k, std::initializer_list<std::pair<std::string_view, std::optional<bool>>> members) {
    Key(k);
    Open();
    for (const auto& [name, value] : members) OptionalBool(name, value);
    Close();
  }
  void StringArray(std::string_view k, const std::vector<std::string>& v) {
    Key(k);
    out_->push_back('[');
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i != 0) out_->push_back(',');
      ok_ &= AppendJsonString(out_, v[i]);
    }
    out_->push_back(']');
  }
  void StringMap(std::string_view k, const std::map<std::string, std::string>& m) {
    Key(k);
    Open();
    for (const auto& [name, value] : m) {
      if (!first_) out_->push_back(',');
      first_ = false;
      ok_ &= AppendJsonString(out_, name);
      out_->push_back(':');
      ok_ &= AppendJsonString(out_, value);
    }
    Close();
  }
  bool ok() const { return ok_; }

 private:
  std::string* out_;
  bool first_ = true;
  bool ok_ = true;
};

// ---- reading -------------------------------------------------------------------------

// What the value being read belongs to.
enum class Field {
  kUnknown, kIss, kSub, kNbf, kExp, kName, kMetadata, kKind, kSha256, kRoomPreset, kAttributes,
  kRoomConfig, kVideo, kSip, kAgent, kInference, kObservability, kKindDetails,
  kVideoBool, kRoom, kDestinationRoom, kSources,
  kSipAdmin, kSipCall, kAgentAdmin, kAgentSimulationAdmin, kAgentDatabaseAdmin,
  kInferencePerform, kObservabilityWrite, kAttribute,
};

enum class Scope {
  kNone, kTop, kVideo, kSip, kAgent, kInference, kObservability, kAttributes, kSources, kKindDetails,
};

// Members named by their JSON key, per object; the video grant's booleans are kVideoBools.
struct NamedField {
  std::string_view name;
  Field field;
};
constexpr NamedField kTopFields[] = {
    {"iss", Field::kIss}, {"sub", Field::kSub}, {"nbf", Field::kNbf}, {"exp", Field::kExp},
    {"sip", Field::kSip}, {"name", Field::kName}, {"kind", Field::kKind}, {"video", Field::kVideo},
    {"sha256", Field::kSha256}, {"metadata", Field::kMetadata}, {"inference", Field::kInference},
    {"attributes", Field::kAttributes}, {"roomPreset", Field::kRoomPreset}, {"roomConfig", Field::kRoomConfig},
    {"observability", Field::kObservability}, {"agent", Field::kAgent}, {"kindDetails", Field::kKindDetails},
};
constexpr NamedField kVideoFields[] = {
    {"room", Field::kRoom}, {"destinationRoom", Field::kDestinationRoom}, {"canPublishSources", Field::kSources},
};
constexpr NamedField kSipFields[] = {{"admin", Field::kSipAdmin}, {"call", Field::kSipCall}};
constexpr NamedField kAgentFields[] = {
    {"admin", Field::kAgentAdmin},
    {"simulationAdmin", Field::kAgentSimulationAdmin},
    {"databaseAdmin", Field::kAgentDatabaseAdmin},
};
constexpr NamedField kInferenceFields[] = {{"perform", Field::kInferencePerform}};
constexpr NamedField kObservabilityFields[] = {{"write", Field::kObservabilityWrite}};

template <std::size_t N>
Field FieldNamed(const NamedField (&table)[N], std::string_view k) {
  for (const auto& f : table) {
    if (f.name == k) return f.field;
  }
  return Field::kUnknown;
}

// A SAX handler (common/json_sax.h) filling Claims as the payload is read.
class ClaimsReader {
 public:
  explicit ClaimsReader(Claims* claims) : c_(claims) {}

  const std::string& error() const { return error_; }
  const std::string& room_config_json() const { return room_config_json_; }

  bool null() {
    if (skip_.active()) return true;
    if (capture_) return capture_writer_->Null();
    if (scope_ == Scope::kAttributes) return Fail("attributes has a non-string value");
    if (scope_ == Scope::kSources) return Fail("video.canPublishSources has a non-string element");
    if (scope_ == Scope::kKindDetails) return Fail("kindDetails has a non-string element");
    if (!started_) return Fail("", "payload is not a JSON object");
    return true;  // a null member reads as absent
  }
  bool boolean(bool v) {
    if (skip_.active()) return true;
    if (capture_) return capture_writer_->Bool(v);
    switch (field_) {
      case Field::kVideoBool: video_->*video_bool_ = v; return true;
      case Field::kSipAdmin: c_->sip->admin = v; return true;
      case Field::kSipCall: c_->sip->call = v; return true;
      case Field::kAgentAdmin: c_->agent->admin = v; return true;
      case Field::kAgentSimulationAdmin: c_->agent->simulation_admin = v; return true;
      case Field::kAgentDatabaseAdmin: c_->agent->database_admin = v; return true;
      case Field::kInferencePerform: c_->inference->perform = v; return true;
      case Field::kObservabilityWrite: c_->observability->write = v; return true;
      default: return WrongType();
    }
  }
  bool number_integer(std::int64_t v) {
    if (skip_.active()) return true;
    if (capture_) return capture_writer_->Int64(v);
    return Time(v);
  }
  bool number_unsigned(std::uint64_t v) {
    if (skip_.active()) return true;
    if (capture_) return capture_writer_->Uint64(v);
    if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      if (field_ == Field::kNbf || field_ == Field::kExp) return Fail(Name() + " is out of range");
      return WrongType();
    }
    return Time(static_cast<std::int64_t>(v));
  }
  bool number_float(double v, const std::string& /*text*/) {
    if (skip_.active()) return true;
    if (capture_) return capture_writer_->Double(v);
    if (field_ == Field::kNbf || field_ == Field::kExp) {
      if (!std::isfinite(v) || std::fabs(v) > 9.0e18) return Fail(Name() + " is out of range");
      return Time(static_cast<std::int64_t>(std::floor(v)));
    }
    return WrongType();
  }
  bool string(std::string& v) {
    if (skip_.active()) return true;
    if (capture_) return capture_writer_->String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
    switch (field_) {
      case Field::kIss: c_->issuer = std::move(v); return true;
      case Field::kSub: c_->identity = std::move(v); return true;
      case Field::kName: c_->name = std::move(v); return true;
      case Field::kMetadata: c_->metadata = std::move(v); return true;
      case Field::kKind: c_->kind = std::move(v); return true;
      case Field::kSha256: c_->sha256 = std::move(v); return true;
      case Field::kRoomPreset: c_->room_preset = std::move(v); return true;
      case Field::kRoom: video_->room = std::move(v); return true;
      case Field::kDestinationRoom: video_->destination_room = std::move(v); return true;
      case Field::kAttribute: c_->attributes[attribute_key_] = std::move(v); return true;
      default:
        if (scope_ == Scope::kSources) {
          video_->can_publish_sources->push_back(std::move(v));
          return true;
        }
        if (scope_ == Scope::kKindDetails) {
          // A newer server's kind detail means nothing to this SDK.
          if (IsKnownKindDetail(v)) c_->kind_details.push_back(std::move(v));
          return true;
        }
        return WrongType();
    }
  }
  bool start_object(std::size_t /*n*/) {
    if (++depth_ > kMaxJsonDepth) return Fail("", "malformed token: payload nested too deeply");
    if (skip_.active()) return skip_.Nest();
    if (capture_) return CaptureOpen(true);
    if (scope_ == Scope::kSources || scope_ == Scope::kKindDetails) return WrongType();
    if (!started_) {
      started_ = true;
      scope_ = Scope::kTop;
      return true;
    }
    switch (field_) {
      case Field::kUnknown: return skip_.Nest();
      case Field::kVideo:
        if (!c_->video) c_->video.emplace();
        video_ = &*c_->video;
        return Enter(Scope::kVideo);
      case Field::kSip:
        if (!c_->sip) c_->sip.emplace();
        return Enter(Scope::kSip);
      case Field::kAgent:
        if (!c_->agent) c_->agent.emplace();
        return Enter(Scope::kAgent);
      case Field::kInference:
        if (!c_->inference) c_->inference.emplace();
        return Enter(Scope::kInference);
      case Field::kObservability:
        if (!c_->observability) c_->observability.emplace();
        return Enter(Scope::kObservability);
      case Field::kAttributes:
        c_->attributes.clear();
        return Enter(Scope::kAttributes);
      case Field::kRoomConfig:
        capture_text_.Clear();
        capture_writer_.emplace(capture_text_);
        capture_ = true;
        return CaptureOpen(true);
      default: return WrongType();
    }
  }
  bool end_object() {
    --depth_;
    if (skip_.active()) return skip_.Unnest();
    if (capture_) return CaptureClose(true);
    scope_ = Scope::kTop;  // every scope we enter is a direct member of the top object
    field_ = Field::kUnknown;
    return true;
  }
  bool start_array(std::size_t /*n*/) {
    if (++depth_ > kMaxJsonDepth) return Fail("", "malformed token: payload nested too deeply");
    if (skip_.active()) return skip_.Nest();
    if (capture_) return CaptureOpen(false);
    if (scope_ == Scope::kSources || scope_ == Scope::kKindDetails) return WrongType();
    if (!started_) return Fail("", "payload is not a JSON object");
    if (field_ == Field::kUnknown) return skip_.Nest();
    if (field_ == Field::kSources) {
      video_->can_publish_sources.emplace();
      scope_ = Scope::kSources;
      field_ = Field::kUnknown;
      return true;
    }
    if (field_ == Field::kKindDetails) {
      c_->kind_details.clear();
      scope_ = Scope::kKindDetails;
      field_ = Field::kUnknown;
      return true;
    }
    return WrongType();
  }
  bool end_array() {
    --depth_;
    if (skip_.active()) return skip_.Unnest();
    if (capture_) return CaptureClose(false);
    // The arrays we enter: video.canPublishSources and the top-level kindDetails.
    scope_ = scope_ == Scope::kKindDetails ? Scope::kTop : Scope::kVideo;
    field_ = Field::kUnknown;
    return true;
  }
  bool key(std::string& k) {
    if (skip_.active()) return true;
    if (capture_) return capture_writer_->Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
    switch (scope_) {
      case Scope::kTop: field_ = FieldNamed(kTopFields, k); break;
      case Scope::kVideo: field_ = VideoField(k); break;
      case Scope::kSip: field_ = FieldNamed(kSipFields, k); break;
      case Scope::kAgent: field_ = FieldNamed(kAgentFields, k); break;
      case Scope::kInference: field_ = FieldNamed(kInferenceFields, k); break;
      case Scope::kObservability: field_ = FieldNamed(kObservabilityFields, k); break;
      case Scope::kAttributes:
        field_ = Field::kAttribute;
        attribute_key_ = std::move(k);
        break;
      default: field_ = Field::kUnknown; break;
    }
    key_ = field_ == Field::kAttribute ? std::string() : k;
    return true;
  }

 private:
  bool Enter(Scope s) {
    scope_ = s;
    field_ = Field::kUnknown;
    return true;
  }
  Field VideoField(std::string_view k) {
    for (const auto& m : kVideoBools) {
      if (m.name == k) {
        video_bool_ = m.member;
        return Field::kVideoBool;
      }
    }
    return FieldNamed(kVideoFields, k);
  }
  // The dotted name of the member being read, e.g. "video.roomJoin".
  std::string Name() const {
    switch (scope_) {
      case Scope::kVideo: return "video." + key_;
      case Scope::kSip: return "sip." + key_;
      case Scope::kAgent: return "agent." + key_;
      case Scope::kInference: return "inference." + key_;
      case Scope::kObservability: return "observability." + key_;
      default: return key_;
    }
  }
  bool WrongType() {
    if (!started_) return Fail("", "payload is not a JSON object");
    if (scope_ == Scope::kAttributes) return Fail("attributes has a non-string value");
    if (scope_ == Scope::kSources) return Fail("video.canPublishSources has a non-string element");
    if (scope_ == Scope::kKindDetails) return Fail("kindDetails has a non-string element");
    switch (field_) {
      case Field::kUnknown: return true;  // unknown members may hold anything
      case Field::kNbf: case Field::kExp: return Fail(Name() + " is not a number");
      case Field::kVideoBool: case Field::kSipAdmin: case Field::kSipCall: case Field::kInferencePerform:
      case Field::kAgentAdmin: case Field::kAgentSimulationAdmin: case Field::kAgentDatabaseAdmin:
      case Field::kObservabilityWrite: return Fail(Name() + " is not a boolean");
      case Field::kSources: return Fail("video.canPublishSources is not an array");
      case Field::kKindDetails: return Fail("kindDetails is not an array");
      case Field::kVideo: case Field::kSip: case Field::kAgent: case Field::kInference: case Field::kObservability:
      case Field::kAttributes: case Field::kRoomConfig: return Fail(Name() + " is not an object");
      default: return Fail(Name() + " is not a string");
    }
  }
  bool Time(std::int64_t v) {
    if (field_ == Field::kNbf) c_->not_before = v;
    else if (field_ == Field::kExp) c_->expires_at = v;
    else return WrongType();
    return true;
  }
  bool Fail(const std::string& what, const char* whole = nullptr) {
    if (error_.empty()) error_ = whole != nullptr ? whole : "malformed token: claim " + what;
    return false;
  }
  // Writing the roomConfig subtree back to text as it is read, for protobuf's JSON parser.
  bool CaptureOpen(bool object) {
    ++capture_depth_;
    return object ? capture_writer_->StartObject() : capture_writer_->StartArray();
  }
  bool CaptureClose(bool object) {
    const bool ok = object ? capture_writer_->EndObject() : capture_writer_->EndArray();
    if (--capture_depth_ == 0) {
      capture_ = false;
      room_config_json_.assign(capture_text_.GetString(), capture_text_.GetSize());
      field_ = Field::kUnknown;
    }
    return ok;
  }

  Claims* c_;
  VideoGrant* video_ = nullptr;
  std::optional<bool> VideoGrant::*video_bool_ = nullptr;
  Scope scope_ = Scope::kNone;
  Field field_ = Field::kUnknown;
  std::string key_;
  std::string attribute_key_;
  bool started_ = false;
  int depth_ = 0;       // nesting of the value being read
  JsonSkip skip_;      // inside an unknown member's value
  bool capture_ = false;
  rapidjson::StringBuffer capture_text_;
  std::optional<rapidjson::Writer<rapidjson::StringBuffer>> capture_writer_;
  int capture_depth_ = 0;
  std::string room_config_json_;
  std::string error_;
};

}  // namespace

bool AppendClaimsJson(const Claims& c, std::string_view issuer, std::optional<std::int64_t> not_before,
                      std::optional<std::int64_t> expires_at, std::string* out) {
  Writer w(out);
  w.Open();
  if (!issuer.empty()) w.String("iss", issuer);
  if (!c.identity.empty()) w.String("sub", c.identity);
  if (not_before) w.Int("nbf", *not_before);
  if (expires_at) w.Int("exp", *expires_at);
  w.OptionalString("name", c.name);
  w.OptionalString("metadata", c.metadata);
  if (!c.attributes.empty()) w.StringMap("attributes", c.attributes);
  w.OptionalString("kind", c.kind);
  if (!c.kind_details.empty()) w.StringArray("kindDetails", c.kind_details);
  w.OptionalString("sha256", c.sha256);
  w.OptionalString("roomPreset", c.room_preset);
  if (c.room_config) {
    std::string text;
    // Serialising a valid message to JSON cannot fail short of memory exhaustion.
    (void)google::protobuf::util::MessageToJsonString(*c.room_config, &text);
    w.Raw("roomConfig", text);
  }
  if (c.video) {
    const VideoGrant& v = *c.video;
    w.Key("video");
    w.Open();
    for (const auto& m : kVideoBools) w.OptionalBool(m.name, v.*m.member);
    w.OptionalString("room", v.room);
    w.OptionalString("destinationRoom", v.destination_room);
    if (v.can_publish_sources) w.StringArray("canPublishSources", *v.can_publish_sources);
    w.Close();
  }
  if (c.sip) w.BoolObject("sip", {{"admin", c.sip->admin}, {"call", c.sip->call}});
  if (c.agent && *c.agent != AgentGrant{}) {
    // Only true members are written, as a LiveKit server writes them.
    const auto true_or_absent = [](bool b) { return b ? std::optional<bool>(true) : std::nullopt; };
    w.BoolObject("agent", {{"admin", true_or_absent(c.agent->admin)},
                           {"simulationAdmin", true_or_absent(c.agent->simulation_admin)},
                           {"databaseAdmin", true_or_absent(c.agent->database_admin)}});
  }
  if (c.inference) w.BoolObject("inference", {{"perform", c.inference->perform}});
  if (c.observability) w.BoolObject("observability", {{"write", c.observability->write}});
  w.Close();
  return w.ok();
}

Result<Claims> ParseClaimsJson(std::string_view payload) {
  Claims c;
  ClaimsReader reader(&c);
  const bool ok = SaxParse(payload, &reader);
  if (!ok || !reader.error().empty()) {
    return Error(ErrorCode::kUnauthenticated,
                 reader.error().empty() ? "malformed token: payload is not valid JSON" : reader.error());
  }
  if (!reader.room_config_json().empty()) {
    google::protobuf::util::JsonParseOptions opts;
    opts.ignore_unknown_fields = true;
    livekit::RoomConfiguration config;
    if (!google::protobuf::util::JsonStringToMessage(reader.room_config_json(), &config, opts).ok()) {
      return Error(ErrorCode::kUnauthenticated, "malformed token: claim roomConfig is not a livekit.RoomConfiguration");
    }
    c.room_config = std::move(config);
  }
  return c;
}

std::string ClaimsJsonText(const Claims& claims) {
  std::string text;
  AppendClaimsJson(claims, claims.issuer, claims.not_before, claims.expires_at, &text);
  return text;
}

}  // namespace livekit::internal
