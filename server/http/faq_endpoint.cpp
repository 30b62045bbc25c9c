#include "http/faq_endpoint.hpp"

#include <charconv>
#include <limits>

#include "handlers/authenticate.hpp"
#include "handlers/faq_ops.hpp"
#include "handlers/request_error.hpp"
#include "http/compression.hpp"
#include "protocol/limits.hpp"
#include "protocol/utf8.hpp"

namespace parley::server {
namespace {

using protocol::ErrorCode;

std::int64_t since_version(const HttpRequest& request) {
  const auto text = request.query_value("since_version");
  if (!text || text->empty()) return 0;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value < 0) {
    throw RequestError(ErrorCode::bad_request,
                       "\"since_version\" must be a whole number from 0 to " +
                           std::to_string(std::numeric_limits<std::int64_t>::max()));
  }
  return value;
}

std::string locale(const HttpRequest& request, const Services& services) {
  const auto text = request.query_value("locale").value_or("");
  if (text.size() > protocol::kMaxClientInfoBytes || !protocol::is_valid_utf8(text)) {
    throw RequestError(ErrorCode::bad_request, "\"locale\" must be a short UTF-8 tag like ko-KR");
  }
  return services.catalogue.resolve_locale(text);
}

}  // namespace

const FaqEndpoint::Whole& FaqEndpoint::whole(const std::string& locale) {
  const auto version = services_.articles.catalogue_version();
  if (version != wholes_version_) {
    wholes_.clear();
    wholes_version_ = version;
  }
  for (const auto& w : wholes_) {
    if (w.locale == locale) return w;
  }
  if (wholes_.size() >= kMaxWholes) wholes_.erase(wholes_.begin());
  Whole w;
  w.locale = locale;
  w.json = std::make_shared<const std::string>(
      faq_changes(services_, 0, locale).dump(-1, ' ', false, protocol::Json::error_handler_t::replace));
  if (w.json->size() >= kMinCompressedBytes) w.gzipped = std::make_shared<const std::string>(gzip(*w.json));
  wholes_.push_back(std::move(w));
  return wholes_.back();
}

HttpResponse FaqEndpoint::serve(const HttpRequest& request) {
  const auto token = request.bearer_token();
  if (token.empty()) {
    throw RequestError(ErrorCode::unauthorized, "send the token as \"Authorization: Bearer <token>\"");
  }
  authenticate(services_, token);
  auto since = since_version(request);
  const auto wanted_locale = locale(request, services_);

  const auto version = services_.articles.catalogue_version();
  if (since > version) since = 0;  // the catalogue was reset: everything, as faq.sync does
  // The server id too: a replaced database may reach the same version with other articles.
  const std::string etag = "\"" + services_.server_id + "-" + std::to_string(version) +
                           (wanted_locale.empty() ? "" : "-" + wanted_locale) + "\"";
  HttpResponse response;
  if (etag_matches(request.if_none_match, etag)) {
    response.status = 304;
  } else if (since == 0) {
    const Whole& w = whole(wanted_locale);
    response.content_type = "application/json; charset=utf-8";
    response.headers.emplace_back("vary", "Accept-Encoding");
    if (w.gzipped && accepts_gzip(request.accept_encoding)) {
      response.shared_body = w.gzipped;
      response.headers.emplace_back("content-encoding", "gzip");
    } else {
      response.shared_body = w.json;
    }
  } else {
    response = json_response(200, faq_changes(services_, since, wanted_locale));
  }
  response.headers.emplace_back("etag", etag);
  // Per user, and to be checked every time: a cache may keep it but must ask us (304) first.
  response.headers.emplace_back("cache-control", "private, no-cache");
  return response;
}

}  // namespace parley::server
