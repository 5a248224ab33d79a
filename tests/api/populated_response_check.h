#pragma once
// Checks of the mock's populated responses (docs/mock-server.md) for the API method tests:
// requests with every scalar set, and what the answer must echo back.

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <cctype>
#include <string>

namespace livekit::test {

/// Sets every top-level scalar field outside real oneofs to a value derived from its name
/// (strings "v_<name>", integers 7, floats 1.5, bytes "b_<name>"); bools, enums, messages,
/// maps and lists stay unset.
inline void FillScalars(google::protobuf::Message* m) {
  using FD = google::protobuf::FieldDescriptor;
  const auto* d = m->GetDescriptor();
  const auto* r = m->GetReflection();
  for (int i = 0; i < d->field_count(); ++i) {
    const FD* f = d->field(i);
    if (f->is_repeated() || f->real_containing_oneof() != nullptr) continue;
    switch (f->cpp_type()) {
      case FD::CPPTYPE_STRING:
        r->SetString(m, f, (f->type() == FD::TYPE_BYTES ? "b_" : "v_") + f->name());
        break;
      case FD::CPPTYPE_INT32: r->SetInt32(m, f, 7); break;
      case FD::CPPTYPE_INT64: r->SetInt64(m, f, 7); break;
      case FD::CPPTYPE_UINT32: r->SetUInt32(m, f, 7); break;
      case FD::CPPTYPE_UINT64: r->SetUInt64(m, f, 7); break;
      case FD::CPPTYPE_FLOAT: r->SetFloat(m, f, 1.5f); break;
      case FD::CPPTYPE_DOUBLE: r->SetDouble(m, f, 1.5); break;
      default: break;
    }
  }
}

inline bool IsIdName(const std::string& n) {
  auto ends = [&n](const char* s) {
    std::string suf(s);
    return n.size() >= suf.size() && n.compare(n.size() - suf.size(), suf.size(), suf) == 0;
  };
  return n == "id" || n == "sid" || ends("_id") || ends("_sid");
}

inline std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

/// Checks `response` against the mock's population rules (mock-server.md) for `request`:
/// echoed scalars, MOCK_ ids, one-element lists of messages with their ids. Returns a
/// description of the first mismatch, or "" when every field matches.
inline std::string CheckPopulated(const google::protobuf::Message& request, const google::protobuf::Message& response) {
  using FD = google::protobuf::FieldDescriptor;
  const auto* rd = response.GetDescriptor();
  const auto* rr = response.GetReflection();
  const auto* qd = request.GetDescriptor();
  const auto* qr = request.GetReflection();
  int checked = 0;
  for (int i = 0; i < rd->field_count(); ++i) {
    const FD* f = rd->field(i);
    if (f->is_map() || f->real_containing_oneof() != nullptr) continue;  // the mock fills one member only
    if (!f->is_repeated() && f->cpp_type() != FD::CPPTYPE_MESSAGE && f->cpp_type() != FD::CPPTYPE_ENUM) {
      const FD* q = qd->FindFieldByName(f->name());
      const bool echo = q != nullptr && !q->is_repeated() && q->type() == f->type() && qr->HasField(request, q);
      if (echo) {
        ++checked;
        if (f->cpp_type() == FD::CPPTYPE_STRING) {
          if (rr->GetString(response, f) != qr->GetString(request, q)) return f->name() + " not echoed";
        } else if (f->cpp_type() == FD::CPPTYPE_INT64 && rr->GetInt64(response, f) != 7) {
          return f->name() + " not echoed";
        } else if (f->cpp_type() == FD::CPPTYPE_INT32 && rr->GetInt32(response, f) != 7) {
          return f->name() + " not echoed";
        } else if (f->cpp_type() == FD::CPPTYPE_UINT32 && rr->GetUInt32(response, f) != 7) {
          return f->name() + " not echoed";
        } else if (f->cpp_type() == FD::CPPTYPE_UINT64 && rr->GetUInt64(response, f) != 7) {
          return f->name() + " not echoed";
        }
      } else if (f->cpp_type() == FD::CPPTYPE_STRING && f->type() == FD::TYPE_STRING && IsIdName(f->name())) {
        ++checked;
        if (rr->GetString(response, f) != "MOCK_" + Upper(f->name())) {
          return f->name() + " = \"" + rr->GetString(response, f) + "\", expected MOCK_" + Upper(f->name());
        }
      }
    } else if (f->is_repeated() && f->cpp_type() == FD::CPPTYPE_MESSAGE) {
      ++checked;
      if (rr->FieldSize(response, f) != 1) return f->name() + " should hold one element";
      const auto& item = rr->GetRepeatedMessage(response, f, 0);
      const auto* id = item.GetDescriptor();
      for (int j = 0; j < id->field_count(); ++j) {
        const FD* g = id->field(j);
        if (g->is_repeated() || g->type() != FD::TYPE_STRING || !IsIdName(g->name())) continue;
        if (g->real_containing_oneof() != nullptr) continue;
        if (item.GetReflection()->GetString(item, g) != "MOCK_" + Upper(g->name())) {
          return f->name() + "[0]." + g->name() + " not MOCK_" + Upper(g->name());
        }
      }
    }
  }
  (void)checked;
  return "";
}

}  // namespace livekit::test
