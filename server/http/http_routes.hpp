#pragma once
// Which endpoint answers an HTTP request. Every failure becomes a typed JSON error response;
// nothing thrown leaves here.
#include "handlers/services.hpp"
#include "http/attachment_endpoint.hpp"
#include "http/console_endpoint.hpp"
#include "http/faq_endpoint.hpp"
#include "http/http_message.hpp"

namespace parley::server {

class HttpRoutes {
 public:
  explicit HttpRoutes(Services& services) : faq_(services), attachments_(services) {}
  // The response before compression (see compress_if_accepted).
  HttpResponse handle(const HttpRequest& request) noexcept;

 private:
  HttpResponse route(const HttpRequest& request);

  FaqEndpoint faq_;
  ConsoleEndpoint console_;
  AttachmentEndpoint attachments_;
};

}  // namespace parley::server
