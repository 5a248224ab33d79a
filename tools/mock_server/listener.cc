#include "listener.h"

#include <boost/asio/strand.hpp>

#include <atomic>
#include <chrono>
#include <iostream>

#include "session.h"

namespace livekit::mock {

namespace net = boost::asio;
using boost::system::error_code;

Listener::Listener(net::io_context& ioc, std::size_t region_index)
    : ioc_(ioc), acceptor_(ioc), retry_(ioc), region_index_(region_index) {}

bool Listener::Bind(const std::string& address, std::uint16_t port, std::string* error) {
  error_code ec;
  const auto ip = net::ip::make_address(address, ec);
  if (ec) {
    *error = "invalid bind address '" + address + "': " + ec.message();
    return false;
  }
  const net::ip::tcp::endpoint endpoint(ip, port);
  const std::string where = address + ":" + std::to_string(port);
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    *error = "cannot listen on " + where + ": " + ec.message() +
             (ec == net::error::address_in_use ? " (another process uses this port; pick others with --ports)" : "");
    return false;
  }
  return true;
}

std::uint16_t Listener::port() const {
  error_code ec;
  return acceptor_.local_endpoint(ec).port();
}

void Listener::Start(const ServerContext* context, net::ssl::context* tls, std::chrono::milliseconds handshake_timeout) {
  context_ = context;
  tls_ = tls;
  handshake_timeout_ = handshake_timeout;
  Accept();
}

void Listener::Accept() {
  acceptor_.async_accept(net::make_strand(ioc_), [self = shared_from_this()](error_code ec, net::ip::tcp::socket s) {
    if (ec == net::error::operation_aborted || !self->acceptor_.is_open()) return;
    if (ec) {
      // Out of file descriptors (or a transient error): wait a little, then accept again.
      static std::atomic<bool> warned{false};
      if (ec == net::error::no_descriptors && !warned.exchange(true)) {
        std::cerr << "lk-mock-server: out of file descriptors, raise `ulimit -n`\n";
      }
      self->retry_.expires_after(std::chrono::milliseconds(50));
      self->retry_.async_wait([self](error_code wait_ec) {
        if (!wait_ec) self->Accept();
      });
      return;
    }
    error_code ignored;
    s.set_option(net::ip::tcp::no_delay(true), ignored);
    if (self->tls_ != nullptr) {
      std::make_shared<TlsSession>(net::ssl::stream<net::ip::tcp::socket>(std::move(s), *self->tls_), *self->context_,
                                   self->region_index_, self->handshake_timeout_)
          ->Start();
    } else {
      std::make_shared<Session>(std::move(s), *self->context_, self->region_index_)->Start();
    }
    self->Accept();
  });
}

}  // namespace livekit::mock
