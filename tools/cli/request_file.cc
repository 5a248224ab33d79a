#include "request_file.h"

#include <google/protobuf/util/json_util.h>

#include <fstream>
#include <sstream>

#include "error_report.h"

namespace lkcpp {

bool LoadRequestFile(const std::string& path, google::protobuf::Message* request, CliContext& ctx) {
  if (path.empty()) return true;
  std::ifstream in(path);
  if (!in) {
    ctx.exit_code = UsageError("cannot read request file " + path);
    return false;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto status = google::protobuf::util::JsonStringToMessage(text.str(), request);
  if (!status.ok()) {
    ctx.exit_code = UsageError(path + " is not a valid " + std::string(request->GetDescriptor()->name()) +
                               " in JSON: " + std::string(status.message()));
    return false;
  }
  return true;
}

void AssignIfSet(std::string* field, const std::string& value) {
  if (!value.empty()) *field = value;
}

}  // namespace lkcpp
