#pragma once
// One region's listening socket: bound synchronously (so start-up can report a port in use),
// then accepting asynchronously, one Session per connection. Bind and Start run on the main
// thread before the io_context threads start; the accept loop then runs on the io_context.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <memory>
#include <string>

#include "request_handler.h"

namespace livekit::mock {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(boost::asio::io_context& ioc, std::size_t region_index);

  /// Opens, binds and listens; false with a message for the user in `error`.
  bool Bind(const std::string& address, std::uint16_t port, std::string* error);
  /// The bound port (the one the OS chose for port 0).
  std::uint16_t port() const;
  /// Starts accepting; `context` must outlive the io_context's run. With `tls` (which must
  /// outlive it too) every connection is HTTPS and must finish its handshake within
  /// `handshake_timeout`; without, plain HTTP.
  void Start(const ServerContext* context, boost::asio::ssl::context* tls = nullptr,
             std::chrono::milliseconds handshake_timeout = std::chrono::milliseconds(5000));

 private:
  void Accept();

  boost::asio::io_context& ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer retry_;  // pause after EMFILE instead of spinning
  const std::size_t region_index_;
  const ServerContext* context_ = nullptr;
  boost::asio::ssl::context* tls_ = nullptr;
  std::chrono::milliseconds handshake_timeout_{5000};
};

}  // namespace livekit::mock
