#include "http/http_routes.hpp"

#include <exception>

#include "handlers/request_error.hpp"
#include "http/faq_endpoint.hpp"
#include "protocol/args.hpp"
#include "protocol/limits.hpp"

namespace parley::server {
namespace {

using protocol::ErrorCode;

HttpResponse method_not_allowed(const char* allowed) {
  auto response = error_response(ErrorCode::bad_request, std::string("use ") + allowed);
  response.status = 405;
  response.headers.emplace_back("allow", allowed);
  return response;
}

}  // namespace

HttpResponse HttpRoutes::route(const HttpRequest& request) {
  if (request.path == "/v1/faq") {
    if (request.method != "GET") return method_not_allowed("GET");
    return faq_.serve(request);
  }
  if (AttachmentEndpoint::handles(request.path)) return attachments_.serve(request);
  if (ConsoleEndpoint::handles(request.path)) {
    if (request.method != "GET") return method_not_allowed("GET");
    return console_.serve(request);
  }
  if (request.path == protocol::kPath) {
    auto response = error_response(ErrorCode::bad_request,
                                   "this is the WebSocket endpoint (subprotocol parley.v1)");
    response.status = 426;
    response.headers.emplace_back("upgrade", "websocket");
    return response;
  }
  return error_response(ErrorCode::not_found, "no such resource: " + request.path);
}

HttpResponse HttpRoutes::handle(const HttpRequest& request) noexcept {
  try {
    try {
      return route(request);
    } catch (const RequestError& e) {
      return error_response(e.code(), e.what());
    } catch (const protocol::ArgError& e) {
      return error_response(e.code(), e.what());
    } catch (const std::exception& e) {
      return error_response(ErrorCode::internal, e.what());
    }
  } catch (...) {  // building the error itself failed (out of memory)
    HttpResponse last_resort;
    last_resort.status = 500;
    return last_resort;
  }
}

}  // namespace parley::server
