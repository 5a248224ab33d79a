#include "request_file.h"

#include <google/protobuf/util/json_util.h>

#include <fstream>
#include <iostream>
#include <sstream>

namespace lkcpp {

bool LoadRequestFile(const std::string& path, google::protobuf::Message* request, CliContext& ctx) {
  if (path.empty()) return true;
  std::ifstream in(path);
  if (!in) {
    std::cerr << "lkcpp: cannot read request file " << path << "\n";
    ctx.exit_code = kExitUsage;
    return false;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto status = google::protobuf::util::JsonStringToMessage(text.str(), request);
  if (!status.ok()) {
    std::cerr << "lkcpp: " << path << " is not a valid " << request->GetDescriptor()->name()
              << " in JSON: " << status.message() << "\n";
    ctx.exit_code = kExitUsage;
    return false;
  }
  return true;
}

}  // namespace lkcpp
