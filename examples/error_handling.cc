// The example of docs/errors.md, as a program: one failing call, its error shown the way the
// page suggests. The suite runs it against lk-mock-server with region 0 dropping every
// connection; a docs check keeps the code between the snippet markers identical to the page.
//
//   lk-mock-server --ports 0 &
//   example_error_handling http://127.0.0.1:<port>   # or LIVEKIT_URL; key/secret devkey/secret

#include <cstdlib>
#include <string>

// snippet-begin docs/errors.md
#include <iostream>
#include "livekit/room_service_client.h"

void Show(const livekit::RoomServiceClient& rooms) {
  livekit::Result<livekit::Room> room = rooms.CreateRoom("my-room");
  if (room.ok()) {                       // or: if (room)
    std::cout << room->sid() << "\n";    // -> and * give the value (unchecked)
    return;
  }
  const livekit::Error& e = room.error();
  switch (e.code()) {                    // branch on the code, never on the message
    case livekit::ErrorCode::kServerRejection:
      std::cerr << e.http_status() << " " << e.twirp_code() << ": " << e.message() << "\n";
      break;
    case livekit::ErrorCode::kTransport:
    case livekit::ErrorCode::kTimeout:
      for (const livekit::Attempt& a : e.attempts()) {
        // The region is known only for hosts of a discovered list (not for your URL itself).
        std::cerr << a.host << (a.region.empty() ? "" : " (" + a.region + ")") << ": "
                  << livekit::ToString(a.outcome) << " " << a.detail << " in " << a.duration.count() << " ms\n";
      }
      break;
    default:
      std::cerr << e.ToString() << "\n";  // one line: code, status, method, message
  }
}
// snippet-end

int main(int argc, char** argv) {
  const char* url = argc > 1 ? argv[1] : std::getenv("LIVEKIT_URL");
  if (url == nullptr || *url == '\0') {
    std::cerr << "usage: example_error_handling <url of lk-mock-server's region 0>\n";
    return 2;
  }
  livekit::ClientOptions options;
  options.url = url;
  options.api_key = "devkey";
  options.api_secret = "secret";
  // Region 0 closes every connection without answering: a transport failure.
  options.headers = {{"X-Lk-Mock", R"({"failRegions":[0],"failMode":"drop"})"}};
  options.failover.enabled = false;
  Show(livekit::RoomServiceClient(options));
  return 0;
}
