#include "populated_response.h"

#include <google/protobuf/descriptor.h>

#include <cctype>
#include <string>

namespace livekit::mock {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

bool IsScalar(const FieldDescriptor* f) {
  return f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE && f->cpp_type() != FieldDescriptor::CPPTYPE_ENUM;
}

bool EndsWith(const std::string& s, const char* suffix) {
  const std::string tail(suffix);
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool IsIdField(const FieldDescriptor* f) {
  if (f->is_repeated() || f->type() != FieldDescriptor::TYPE_STRING) return false;
  const std::string& n = f->name();
  return n == "id" || n == "sid" || EndsWith(n, "_id") || EndsWith(n, "_sid");
}

// A field of a oneof whose other member is already set would clear it: leave it.
bool OneofTaken(const Message& m, const FieldDescriptor* f) {
  const auto* oneof = f->real_containing_oneof();
  return oneof != nullptr && m.GetReflection()->HasOneof(m, oneof);
}

std::string MockId(const FieldDescriptor* f) {
  std::string id = "MOCK_";
  for (char c : f->name()) id.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return id;
}

bool CopyScalar(const Message& from, const FieldDescriptor* src, Message* to, const FieldDescriptor* dst) {
  const Reflection* in = from.GetReflection();
  const Reflection* out = to->GetReflection();
  switch (dst->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32: out->SetInt32(to, dst, in->GetInt32(from, src)); return true;
    case FieldDescriptor::CPPTYPE_INT64: out->SetInt64(to, dst, in->GetInt64(from, src)); return true;
    case FieldDescriptor::CPPTYPE_UINT32: out->SetUInt32(to, dst, in->GetUInt32(from, src)); return true;
    case FieldDescriptor::CPPTYPE_UINT64: out->SetUInt64(to, dst, in->GetUInt64(from, src)); return true;
    case FieldDescriptor::CPPTYPE_DOUBLE: out->SetDouble(to, dst, in->GetDouble(from, src)); return true;
    case FieldDescriptor::CPPTYPE_FLOAT: out->SetFloat(to, dst, in->GetFloat(from, src)); return true;
    case FieldDescriptor::CPPTYPE_BOOL: out->SetBool(to, dst, in->GetBool(from, src)); return true;
    case FieldDescriptor::CPPTYPE_STRING: out->SetString(to, dst, in->GetString(from, src)); return true;
    default: return false;
  }
}

// Rule 1: the request's set field of the same name and type.
bool Echo(const Message& request, const FieldDescriptor* f, Message* response) {
  if (f->is_repeated() || !IsScalar(f)) return false;
  const FieldDescriptor* src = request.GetDescriptor()->FindFieldByName(f->name());
  if (src == nullptr || src->is_repeated() || src->type() != f->type()) return false;
  if (!request.GetReflection()->HasField(request, src)) return false;  // unset or default
  return CopyScalar(request, src, response, f);
}

// Rule 2 only: the ids.
void FillIds(Message* m) {
  const Descriptor* d = m->GetDescriptor();
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (IsIdField(f) && !OneofTaken(*m, f)) m->GetReflection()->SetString(m, f, MockId(f));
  }
}

}  // namespace

void PopulateResponse(const Message* request, Message* response) {
  const Descriptor* d = response->GetDescriptor();
  const Reflection* r = response->GetReflection();
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (OneofTaken(*response, f)) continue;
    if (request != nullptr && Echo(*request, f, response)) continue;
    if (IsIdField(f)) {
      r->SetString(response, f, MockId(f));
      continue;
    }
    if (f->is_repeated() && !f->is_map() && f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      FillIds(r->AddMessage(response, f));
    }
  }
}

}  // namespace livekit::mock
