// Agent dispatch: send an agent to a room, list the room's dispatches, delete the dispatch.
// Uses the callback form: the completion runs on the SDK's I/O thread.
#include <future>
#include <iostream>

#include "livekit/agent_dispatch_client.h"

int main() {
  livekit::AgentDispatchClient dispatch(livekit::ClientOptions{});
  if (!dispatch.status().ok()) {
    std::cerr << dispatch.status().error().message() << "\n";
    return 2;
  }

  livekit::CreateAgentDispatchRequest req;
  req.set_room("example-room");
  req.set_agent_name("support-agent");
  req.set_metadata(R"({"lang":"en"})");
  std::promise<livekit::Result<livekit::AgentDispatch>> created;
  livekit::CallHandle handle = dispatch.CreateDispatchAsync(
      req, [&created](livekit::Result<livekit::AgentDispatch> r) { created.set_value(std::move(r)); });
  (void)handle;  // handle.Cancel() would stop the call
  auto d = created.get_future().get();
  if (!d.ok()) {
    std::cerr << "dispatch: " << d.error().ToString() << "\n";
    return 1;
  }
  std::cout << "dispatched " << d->agent_name() << " as " << d->id() << "\n";

  if (auto all = dispatch.ListDispatch("example-room"); all.ok()) {
    for (const auto& x : *all) std::cout << "  " << x.id() << " " << x.agent_name() << "\n";
  }
  if (auto removed = dispatch.DeleteDispatch(d->id(), "example-room"); !removed.ok()) {
    std::cerr << "delete: " << removed.error().ToString() << "\n";
  }
  return 0;
}
