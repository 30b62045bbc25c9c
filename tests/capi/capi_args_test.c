/*
 * The C ABI from C (compiled as -std=c99 -pedantic -Werror): every function of parley.h with
 * NULL handles, NULL out-params, NULL strings with a length, invalid UTF-8, NUL bytes,
 * oversized text and values outside its enums. Each must return its documented status and
 * leave a non-empty parley_last_error_message(). No server: the client points at a closed
 * port, which also shows what works offline (queued writes, local search, typed "disconnected"
 * replies).
 *
 * Prints one line per failed check and a summary; exits 0 only if every check passed.
 */
#include <parley/parley.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

static int g_checks = 0;
static int g_failures = 0;

static void check(int ok, const char *what, int line) {
  ++g_checks;
  if (!ok) {
    ++g_failures;
    fprintf(stderr, "capi_args_test.c:%d: check failed: %s\n", line, what);
  }
}
#define CHECK(cond) check((cond) != 0, #cond, __LINE__)

/* The call returned `expected`; after a failure the message must be there. */
static void expect_status(parley_status expected, parley_status got, const char *call, int line) {
  const char *message = parley_last_error_message();
  ++g_checks;
  if (got != expected) {
    ++g_failures;
    fprintf(stderr, "capi_args_test.c:%d: %s returned %s (%s), expected %s\n", line, call,
            parley_status_name(got), message, parley_status_name(expected));
    return;
  }
  if (expected != PARLEY_OK && (message == NULL || message[0] == '\0')) {
    ++g_failures;
    fprintf(stderr, "capi_args_test.c:%d: %s failed without a last error message\n", line, call);
  }
}
#define EXPECT_STATUS(expected, call) expect_status((expected), (call), #call, __LINE__)
#define EXPECT_INVALID(call) EXPECT_STATUS(PARLEY_E_INVALID_ARGUMENT, (call))
#define EXPECT_OK(call) EXPECT_STATUS(PARLEY_OK, (call))

/* Byte strings that are not UTF-8: a bad continuation, a surrogate, an overlong form, a code
 * point above U+10FFFF, a truncated sequence. */
static const char *const k_bad_utf8[] = {"\xC3\x28", "\xED\xA0\x80", "\xC0\xAF", "\xF4\x90\x80\x80",
                                         "\xE2\x82"};
#define BAD_UTF8_COUNT (sizeof k_bad_utf8 / sizeof k_bad_utf8[0])
static const char k_with_nul[] = {'a', 'b', '\0', 'c', 'd'};

/* One byte more than the protocol's default max_text_bytes (8192). */
#define OVERSIZED_LEN 8193
static char g_oversized[OVERSIZED_LEN];

#define UNREACHABLE_URL "ws://127.0.0.1:1/v1"

/* --- Library ---------------------------------------------------------------------------- */

static void test_library(void) {
  int major = -1, minor = -1, patch = -1;
  CHECK(parley_last_error_message() != NULL);
  parley_version(NULL, NULL, NULL); /* each out-param may be NULL */
  parley_version(&major, &minor, &patch);
  CHECK(major == PARLEY_VERSION_MAJOR && minor == PARLEY_VERSION_MINOR &&
        patch == PARLEY_VERSION_PATCH);
  CHECK(PARLEY_VERSION_CHECK(0, 1, 0));
  CHECK(!PARLEY_VERSION_CHECK(PARLEY_VERSION_MAJOR + 1, 0, 0));
  CHECK((parley_features() & PARLEY_FEATURE_THREADS) != 0);
  CHECK((parley_features() & PARLEY_FEATURE_OFFLINE_SEARCH) != 0);
  CHECK(strcmp(parley_status_name(PARLEY_OK), "ok") == 0);
  CHECK(strcmp(parley_status_name(PARLEY_E_NOT_FOUND), "not_found") == 0);
  CHECK(strcmp(parley_status_name(PARLEY_E_NO_MEMORY), "no_memory") == 0);
  CHECK(strcmp(parley_status_name((parley_status)-99), "unknown") == 0);
  CHECK(strcmp(parley_status_name((parley_status)7), "unknown") == 0);
  CHECK(strcmp(parley_event_type_name(PARLEY_EVENT_MESSAGE_SENT), "message_sent") == 0);
  CHECK(strcmp(parley_event_type_name(PARLEY_EVENT_FAQ_RESULTS), "faq_results") == 0);
  CHECK(strcmp(parley_event_type_name(PARLEY_EVENT_TYPING_CHANGED), "typing_changed") == 0);
  CHECK(strcmp(parley_event_type_name(PARLEY_EVENT_CONVERSATION_TAKEN), "conversation_taken") == 0);
  CHECK(strcmp(parley_event_type_name(PARLEY_EVENT_ARTICLE_RATED), "article_rated") == 0);
  CHECK(strcmp(parley_event_type_name(PARLEY_EVENT_TICKET_SCHEMA_LOADED), "ticket_schema_loaded") == 0);
  CHECK(strcmp(parley_event_type_name(PARLEY_EVENT_TICKET_CHANGED), "ticket_changed") == 0);
  CHECK(strcmp(parley_event_type_name(PARLEY_EVENT_AGENT_REQUESTED), "agent_requested") == 0);
  CHECK(strcmp(parley_event_type_name(PARLEY_EVENT_STORE_HEALTH_CHANGED), "store_health_changed") == 0);
  CHECK(strcmp(parley_event_type_name((parley_event_kind)(PARLEY_EVENT_STORE_HEALTH_CHANGED + 1)), "unknown") == 0);
  for (int kind = PARLEY_EVENT_CONNECTION_CHANGED; kind <= PARLEY_EVENT_STORE_HEALTH_CHANGED; ++kind) {
    CHECK(strcmp(parley_event_type_name((parley_event_kind)kind), "unknown") != 0);
  }
  CHECK((parley_features() & PARLEY_FEATURE_RECEIPTS) != 0);
  CHECK(strcmp(parley_event_type_name(PARLEY_EVENT_NONE), "none") == 0);
  CHECK(strcmp(parley_event_type_name((parley_event_kind)999), "unknown") == 0);
  parley_free(NULL);
}

/* --- Config ----------------------------------------------------------------------------- */

typedef parley_status (*config_string_setter)(parley_config *, const char *, size_t);
static const struct {
  const char *name;
  config_string_setter set;
} k_config_setters[] = {
    {"server_url", parley_config_set_server_url}, {"token", parley_config_set_token},
    {"store_path", parley_config_set_store_path}, {"app", parley_config_set_app},
    {"platform", parley_config_set_platform},     {"locale", parley_config_set_locale},
    {"faq_url", parley_config_set_faq_url},
};
#define CONFIG_SETTER_COUNT (sizeof k_config_setters / sizeof k_config_setters[0])

static void test_config(void) {
  parley_config *cfg = NULL;
  size_t i, j;

  EXPECT_INVALID(parley_config_new(NULL));
  EXPECT_OK(parley_config_new(&cfg));
  CHECK(cfg != NULL);

  for (i = 0; i < CONFIG_SETTER_COUNT; ++i) {
    const config_string_setter set = k_config_setters[i].set;
    EXPECT_INVALID(set(NULL, PARLEY_STR("x")));
    EXPECT_INVALID(set(cfg, NULL, 3));
    EXPECT_INVALID(set(cfg, k_with_nul, sizeof k_with_nul));
    for (j = 0; j < BAD_UTF8_COUNT; ++j) {
      if (set(cfg, k_bad_utf8[j], strlen(k_bad_utf8[j])) != PARLEY_E_INVALID_ARGUMENT) {
        fprintf(stderr, "  (setter %s, bad UTF-8 sample %u)\n", k_config_setters[i].name,
                (unsigned)j);
        CHECK(!"a config setter accepted invalid UTF-8");
      }
    }
    EXPECT_OK(set(cfg, NULL, 0)); /* (NULL, 0) is the empty string */
    EXPECT_OK(set(cfg, PARLEY_STR("caf\xC3\xA9 \xED\x95\x9C")));
  }

  EXPECT_INVALID(parley_config_set_request_timeout_ms(NULL, 1000));
  EXPECT_INVALID(parley_config_set_request_timeout_ms(cfg, 0));
  EXPECT_INVALID(parley_config_set_request_timeout_ms(cfg, -5));
  EXPECT_OK(parley_config_set_request_timeout_ms(cfg, 1));

  EXPECT_INVALID(parley_config_set_reconnect_backoff_ms(NULL, 10, 100));
  EXPECT_INVALID(parley_config_set_reconnect_backoff_ms(cfg, 0, 100));
  EXPECT_INVALID(parley_config_set_reconnect_backoff_ms(cfg, 10, -1));
  EXPECT_INVALID(parley_config_set_reconnect_backoff_ms(cfg, 100, 10));
  EXPECT_OK(parley_config_set_reconnect_backoff_ms(cfg, 100, 100));

  EXPECT_INVALID(parley_config_set_device(NULL, PARLEY_STR("iOS 18"), PARLEY_STR("iPhone15,2")));
  EXPECT_INVALID(parley_config_set_device(cfg, "\xff", 1, PARLEY_STR("iPhone15,2")));
  EXPECT_INVALID(parley_config_set_device(cfg, PARLEY_STR("iOS 18"), NULL, 4));
  EXPECT_OK(parley_config_set_device(cfg, PARLEY_STR("iOS 18"), PARLEY_STR("iPhone15,2")));
  EXPECT_OK(parley_config_set_device(cfg, NULL, 0, NULL, 0));

  parley_config_free(cfg);
  parley_config_free(NULL);
}

/* --- Client creation ---------------------------------------------------------------------- */

static parley_config *unreachable_config(void) {
  parley_config *cfg = NULL;
  EXPECT_OK(parley_config_new(&cfg));
  EXPECT_OK(parley_config_set_server_url(cfg, PARLEY_STR(UNREACHABLE_URL)));
  EXPECT_OK(parley_config_set_token(cfg, PARLEY_STR("v1.not-a-real-token.x")));
  EXPECT_OK(parley_config_set_platform(cfg, PARLEY_STR("linux")));
  EXPECT_OK(parley_config_set_reconnect_backoff_ms(cfg, 50, 200));
  return cfg;
}

static void test_client_create(void) {
  parley_client *client = (parley_client *)&g_checks; /* must be overwritten with NULL */
  parley_config *empty = NULL;

  /* The config is consumed even on failure (the ASan build's leak check verifies it). */
  EXPECT_INVALID(parley_client_create(NULL, unreachable_config()));
  EXPECT_INVALID(parley_client_create(&client, NULL));
  CHECK(client == NULL);

  /* No server URL, no token: unusable. */
  EXPECT_OK(parley_config_new(&empty));
  client = (parley_client *)&g_checks;
  EXPECT_INVALID(parley_client_create(&client, empty));
  CHECK(client == NULL);

  parley_client_free(NULL);
}

/* --- Events: waiting with a deadline ------------------------------------------------------- */

/* Polls until an event of `type` with `tag` arrives (others are skipped) or 10 s pass. */
static const parley_event *wait_for(parley_client *client, parley_event_kind type, uint64_t tag) {
  const time_t deadline = time(NULL) + 10;
  while (time(NULL) <= deadline) {
    const parley_event *ev = NULL;
    if (parley_poll_event(client, 100, &ev) != PARLEY_OK) return NULL;
    if (ev != NULL && parley_event_type(ev) == type && parley_event_tag(ev) == tag) return ev;
  }
  return NULL;
}

static void test_event_readers(parley_client *client) {
  const parley_event *ev = NULL;
  const char *text = NULL;
  size_t len = 99, size = 0;
  int64_t number = 0;

  /* NULL event: documented fallbacks, and a message. */
  CHECK(parley_event_type(NULL) == PARLEY_EVENT_NONE);
  CHECK(parley_last_error_message()[0] != '\0');
  CHECK(parley_event_tag(NULL) == 0);
  CHECK(parley_event_status(NULL) == PARLEY_E_INVALID_ARGUMENT);
  CHECK(parley_event_error_message(NULL) != NULL);
  CHECK(parley_event_connection_state(NULL) == PARLEY_CONNECTION_DISCONNECTED);
  CHECK(parley_event_json(NULL, &len) != NULL && len == 0);
  EXPECT_INVALID(parley_event_get_string(NULL, PARLEY_STR("/type"), &text, &len));
  EXPECT_INVALID(parley_event_get_int(NULL, PARLEY_STR("/tag"), &number));
  EXPECT_INVALID(parley_event_get_size(NULL, PARLEY_STR(""), &size));

  /* With the link down, a read request is answered at once with a typed error and its tag. */
  EXPECT_OK(parley_ticket_list(client, PARLEY_TICKET_STATUS_ANY, 77));
  ev = wait_for(client, PARLEY_EVENT_TICKETS_LISTED, 77);
  CHECK(ev != NULL);
  if (ev == NULL) return;
  CHECK(parley_event_status(ev) == PARLEY_E_DISCONNECTED);
  CHECK(parley_event_error_message(ev)[0] != '\0');
  CHECK(strstr(parley_event_json(ev, &len), "\"disconnected\"") != NULL && len > 0);

  EXPECT_OK(parley_event_get_string(ev, PARLEY_STR("/type"), &text, &len));
  CHECK(text != NULL && strcmp(text, "tickets_listed") == 0 && len == strlen("tickets_listed"));
  EXPECT_OK(parley_event_get_string(ev, PARLEY_STR("/error/code"), &text, NULL));
  CHECK(text != NULL && strcmp(text, "disconnected") == 0);
  EXPECT_OK(parley_event_get_int(ev, PARLEY_STR("/tag"), &number));
  CHECK(number == 77);
  EXPECT_OK(parley_event_get_size(ev, PARLEY_STR("/tickets"), &size));
  CHECK(size == 0);
  EXPECT_OK(parley_event_get_size(ev, PARLEY_STR(""), &size)); /* the whole document */
  CHECK(size >= 4);

  EXPECT_STATUS(PARLEY_E_NOT_FOUND, parley_event_get_string(ev, PARLEY_STR("/nope"), &text, &len));
  EXPECT_STATUS(PARLEY_E_NOT_FOUND, parley_event_get_string(ev, PARLEY_STR("/tag"), &text, &len));
  EXPECT_STATUS(PARLEY_E_NOT_FOUND, parley_event_get_int(ev, PARLEY_STR("/type"), &number));
  EXPECT_STATUS(PARLEY_E_NOT_FOUND, parley_event_get_size(ev, PARLEY_STR("/tag"), &size));
  EXPECT_STATUS(PARLEY_E_NOT_FOUND, parley_event_get_size(ev, PARLEY_STR("/tickets/x"), &size));
  EXPECT_STATUS(PARLEY_E_NOT_FOUND, parley_event_get_size(ev, PARLEY_STR("/tickets/5"), &size));
  EXPECT_INVALID(parley_event_get_string(ev, PARLEY_STR("type"), &text, &len)); /* no '/' */
  EXPECT_INVALID(parley_event_get_string(ev, PARLEY_STR("/a~2"), &text, &len)); /* bad escape */
  EXPECT_INVALID(parley_event_get_string(ev, NULL, 4, &text, &len));
  EXPECT_INVALID(parley_event_get_string(ev, "/\xC3\x28", 3, &text, &len));
  EXPECT_INVALID(parley_event_get_string(ev, PARLEY_STR("/type"), NULL, &len));
  EXPECT_INVALID(parley_event_get_int(ev, PARLEY_STR("/tag"), NULL));
  EXPECT_INVALID(parley_event_get_size(ev, PARLEY_STR(""), NULL));
}

static void test_poll(parley_client *client) {
  const parley_event *ev = NULL;
  EXPECT_INVALID(parley_poll_event(NULL, 0, &ev));
  EXPECT_INVALID(parley_poll_event(client, 0, NULL));
  EXPECT_INVALID(parley_poll_event(client, -1, &ev));
  CHECK(ev == NULL);
}

/* --- Client, chat, tickets, FAQ, agent ------------------------------------------------------ */

static void test_client_calls(parley_client *client) {
  size_t n = 99;
  EXPECT_INVALID(parley_client_set_token(NULL, PARLEY_STR("t")));
  EXPECT_INVALID(parley_client_set_token(client, NULL, 5));
  EXPECT_INVALID(parley_client_set_token(client, k_bad_utf8[0], strlen(k_bad_utf8[0])));
  EXPECT_INVALID(parley_client_set_token(client, k_with_nul, sizeof k_with_nul));
  EXPECT_INVALID(parley_network_changed(NULL));
  EXPECT_OK(parley_network_changed(client));
  EXPECT_INVALID(parley_set_foreground(NULL, 1));
  EXPECT_OK(parley_set_foreground(client, 0));
  EXPECT_OK(parley_set_foreground(client, 1));
  EXPECT_INVALID(parley_outbox_size(NULL, &n));
  EXPECT_INVALID(parley_outbox_size(client, NULL));
  EXPECT_OK(parley_outbox_size(client, &n));
  CHECK(n == 0);
}

static void test_chat(parley_client *client) {
  char id[PARLEY_CLIENT_ID_SIZE] = "";
  char *json = NULL;
  size_t json_len = 0, n = 0;
  size_t i;

  EXPECT_INVALID(parley_chat_send(NULL, PARLEY_STR("hi"), NULL, 0, 1, id));
  EXPECT_INVALID(parley_chat_send(client, NULL, 2, NULL, 0, 1, id));
  EXPECT_INVALID(parley_chat_send(client, NULL, 0, NULL, 0, 1, id));           /* empty text */
  EXPECT_INVALID(parley_chat_send(client, PARLEY_STR("   "), NULL, 0, 1, id)); /* blank */
  EXPECT_INVALID(parley_chat_send(client, g_oversized, OVERSIZED_LEN, NULL, 0, 1, id));
  EXPECT_INVALID(parley_chat_send(client, k_with_nul, sizeof k_with_nul, NULL, 0, 1, id));
  for (i = 0; i < BAD_UTF8_COUNT; ++i) {
    EXPECT_INVALID(parley_chat_send(client, k_bad_utf8[i], strlen(k_bad_utf8[i]), NULL, 0, 1, id));
  }
  EXPECT_INVALID(parley_chat_send(client, PARLEY_STR("hi"), NULL, 4, 1, id));
  EXPECT_INVALID(parley_chat_send(client, PARLEY_STR("hi"), PARLEY_STR("c-\xC3\x28"), 1, id));
  EXPECT_OK(parley_outbox_size(client, &n));
  CHECK(n == 0); /* nothing refused was queued */

  /* Offline, a valid message is queued, and its client id handed back. */
  EXPECT_OK(parley_chat_send(client, PARLEY_STR("hello \xF0\x9F\x91\x8B"), NULL, 0, 1, id));
  CHECK(id[0] != '\0' && strlen(id) < PARLEY_CLIENT_ID_SIZE);
  EXPECT_OK(parley_chat_send(client, PARLEY_STR("second"), NULL, 0, 2, NULL)); /* id optional */
  EXPECT_OK(parley_outbox_size(client, &n));
  CHECK(n == 2);

  EXPECT_INVALID(parley_chat_load_history(NULL, PARLEY_STR("c-1"), NULL, 0, 0, 1));
  EXPECT_INVALID(parley_chat_load_history(client, NULL, 3, NULL, 0, 0, 1));
  EXPECT_INVALID(parley_chat_load_history(client, PARLEY_STR("c-\xC0\xAF"), NULL, 0, 0, 1));
  EXPECT_INVALID(parley_chat_load_history(client, PARLEY_STR("c-1"), NULL, 2, 0, 1));
  EXPECT_INVALID(parley_chat_load_history(client, PARLEY_STR("c-1"), PARLEY_STR("\xE2\x82"), 0, 1));
  EXPECT_INVALID(parley_chat_load_history(client, PARLEY_STR("c-1"), NULL, 0, -1, 1));
  EXPECT_INVALID(parley_chat_load_history(client, PARLEY_STR("c-1"), NULL, 0, 101, 1));

  EXPECT_INVALID(parley_chat_list_conversations(NULL, 1));

  EXPECT_INVALID(parley_chat_cached_messages(NULL, NULL, 0, &json, &json_len));
  EXPECT_INVALID(parley_chat_cached_messages(client, NULL, 0, NULL, &json_len));
  EXPECT_INVALID(parley_chat_cached_messages(client, NULL, 5, &json, &json_len));
  EXPECT_INVALID(parley_chat_cached_messages(client, PARLEY_STR("\xED\xA0\x80"), &json, &json_len));
  CHECK(json == NULL);
  EXPECT_OK(parley_chat_cached_messages(client, PARLEY_STR("c-1"), &json, &json_len));
  CHECK(json != NULL && json_len == strlen(json) && strncmp(json, "{\"messages\":[", 13) == 0);
  parley_free(json);
  json = NULL;

  EXPECT_INVALID(parley_chat_cached_conversations(NULL, &json, &json_len));
  EXPECT_INVALID(parley_chat_cached_conversations(client, NULL, &json_len));
  EXPECT_OK(parley_chat_cached_conversations(client, &json, NULL));
  CHECK(json != NULL && strncmp(json, "{\"conversations\":[", 18) == 0);
  parley_free(json);
}

static void test_chat_changes(parley_client *client) {
  char id[PARLEY_CLIENT_ID_SIZE] = "";
  char queued[PARLEY_CLIENT_ID_SIZE] = "";
  size_t n = 0, before = 0;

  EXPECT_OK(parley_outbox_size(client, &before));
  EXPECT_INVALID(parley_chat_edit(NULL, PARLEY_STR("m-1"), PARLEY_STR("x"), 1, id));
  EXPECT_INVALID(parley_chat_edit(client, NULL, 3, PARLEY_STR("x"), 1, id));
  EXPECT_INVALID(parley_chat_edit(client, NULL, 0, PARLEY_STR("x"), 1, id)); /* id required */
  EXPECT_INVALID(parley_chat_edit(client, PARLEY_STR("m 1"), PARLEY_STR("x"), 1, id));
  EXPECT_INVALID(parley_chat_edit(client, PARLEY_STR("m-1"), NULL, 0, 1, id));
  EXPECT_INVALID(parley_chat_edit(client, PARLEY_STR("m-1"), PARLEY_STR(" "), 1, id));
  EXPECT_INVALID(parley_chat_edit(client, PARLEY_STR("m-1"), k_bad_utf8[0], strlen(k_bad_utf8[0]), 1, id));
  EXPECT_INVALID(parley_chat_edit(client, PARLEY_STR("m-1"), g_oversized, OVERSIZED_LEN, 1, id));
  EXPECT_INVALID(parley_chat_delete(NULL, PARLEY_STR("m-1"), 1, id));
  EXPECT_INVALID(parley_chat_delete(client, NULL, 0, 1, id));
  EXPECT_INVALID(parley_chat_delete(client, PARLEY_STR("m-\xC3\x28"), 1, id));
  EXPECT_OK(parley_outbox_size(client, &n));
  CHECK(n == before); /* nothing refused was queued */
  EXPECT_OK(parley_chat_edit(client, PARLEY_STR("m-1"), PARLEY_STR("fixed"), 1, id));
  CHECK(id[0] != '\0');
  EXPECT_OK(parley_chat_delete(client, PARLEY_STR("m-1"), 2, queued));
  EXPECT_OK(parley_outbox_size(client, &n));
  CHECK(n == before + 2);

  /* Offline, nothing is on the wire: a queued write cancels; an unknown one is not found. */
  EXPECT_INVALID(parley_chat_cancel(NULL, PARLEY_STR("x")));
  EXPECT_INVALID(parley_chat_cancel(client, NULL, 0));
  EXPECT_INVALID(parley_chat_cancel(client, PARLEY_STR("no spaces")));
  EXPECT_OK(parley_chat_cancel(client, queued, strlen(queued)));
  EXPECT_STATUS(PARLEY_E_NOT_FOUND, parley_chat_cancel(client, queued, strlen(queued)));
  EXPECT_INVALID(parley_chat_retry(NULL, PARLEY_STR("x")));
  EXPECT_INVALID(parley_chat_retry(client, NULL, 2));
  EXPECT_STATUS(PARLEY_E_CONFLICT, parley_chat_retry(client, id, strlen(id))); /* not failed */
  EXPECT_STATUS(PARLEY_E_NOT_FOUND, parley_chat_retry(client, PARLEY_STR("unknown")));
  CHECK(strlen(parley_last_error_message()) > 0);
  EXPECT_OK(parley_outbox_size(client, &n));
  CHECK(n == before + 1);

  EXPECT_INVALID(parley_chat_mark_read(NULL, PARLEY_STR("c-1"), NULL, 0));
  EXPECT_INVALID(parley_chat_mark_read(client, NULL, 0, NULL, 0));
  EXPECT_INVALID(parley_chat_mark_read(client, PARLEY_STR("c-1"), NULL, 4));
  EXPECT_INVALID(parley_chat_mark_read(client, PARLEY_STR("c-1"), PARLEY_STR("\xE2\x82")));
  EXPECT_OK(parley_chat_mark_read(client, PARLEY_STR("c-1"), NULL, 0));
  EXPECT_OK(parley_chat_mark_read(client, PARLEY_STR("c-1"), PARLEY_STR("m-3")));
  EXPECT_INVALID(parley_chat_set_typing(NULL, PARLEY_STR("c-1"), 1));
  EXPECT_INVALID(parley_chat_set_typing(client, NULL, 0, 1));
  EXPECT_INVALID(parley_chat_set_typing(client, PARLEY_STR("c 1"), 1));
  EXPECT_OK(parley_chat_set_typing(client, PARLEY_STR("c-1"), 1));
  EXPECT_OK(parley_chat_set_typing(client, PARLEY_STR("c-1"), 0));
}

typedef parley_status (*draft_string_setter)(parley_ticket_draft *, const char *, size_t);

static void test_tickets(parley_client *client) {
  static const draft_string_setter setters[] = {parley_ticket_draft_set_subject,
                                                parley_ticket_draft_set_description,
                                                parley_ticket_draft_set_category};
  parley_ticket_draft *draft = NULL;
  char id[PARLEY_CLIENT_ID_SIZE] = "";
  size_t i, n = 0, queued_before = 0;

  EXPECT_INVALID(parley_ticket_draft_new(NULL));
  EXPECT_OK(parley_ticket_draft_new(&draft));
  for (i = 0; i < sizeof setters / sizeof setters[0]; ++i) {
    EXPECT_INVALID(setters[i](NULL, PARLEY_STR("x")));
    EXPECT_INVALID(setters[i](draft, NULL, 1));
    EXPECT_INVALID(setters[i](draft, k_bad_utf8[1], strlen(k_bad_utf8[1])));
    EXPECT_INVALID(setters[i](draft, k_with_nul, sizeof k_with_nul));
  }
  EXPECT_INVALID(parley_ticket_draft_set_priority(NULL, PARLEY_TICKET_PRIORITY_HIGH));
  EXPECT_INVALID(parley_ticket_draft_set_priority(draft, (parley_ticket_priority)0));
  EXPECT_INVALID(parley_ticket_draft_set_priority(draft, (parley_ticket_priority)5));
  EXPECT_INVALID(parley_ticket_draft_set_priority(draft, (parley_ticket_priority)-1));
  EXPECT_OK(parley_ticket_draft_set_priority(draft, PARLEY_TICKET_PRIORITY_URGENT));

  EXPECT_OK(parley_outbox_size(client, &queued_before));
  EXPECT_INVALID(parley_ticket_create(NULL, draft, 1, id));
  EXPECT_INVALID(parley_ticket_create(client, NULL, 1, id));
  EXPECT_INVALID(parley_ticket_create(client, draft, 1, id)); /* no subject yet */
  EXPECT_OK(parley_ticket_draft_set_subject(draft, PARLEY_STR("   ")));
  EXPECT_INVALID(parley_ticket_create(client, draft, 1, id)); /* blank subject */
  EXPECT_OK(parley_ticket_draft_set_subject(draft, PARLEY_STR("Refund")));
  EXPECT_OK(parley_ticket_draft_set_category(draft, PARLEY_STR("billing")));
  EXPECT_INVALID(parley_ticket_draft_set_field(draft, NULL, 0, PARLEY_STR("x"))); /* empty key */
  EXPECT_INVALID(parley_ticket_draft_set_field(NULL, PARLEY_STR("k"), PARLEY_STR("x")));
  EXPECT_INVALID(parley_ticket_draft_add_attachment(NULL, PARLEY_STR("at-1")));
  EXPECT_INVALID(parley_ticket_draft_add_attachment(draft, NULL, 0));
  EXPECT_INVALID(parley_ticket_draft_add_file(NULL, PARLEY_STR("/tmp/x.png"), NULL, 0));
  EXPECT_INVALID(parley_ticket_draft_add_file(draft, NULL, 0, NULL, 0));
  EXPECT_INVALID(parley_ticket_draft_add_file(draft, NULL, 4, NULL, 0));
  EXPECT_INVALID(parley_ticket_draft_set_metadata(draft, PARLEY_STR("k"), "\xff", 1));
  EXPECT_OK(parley_ticket_draft_set_metadata(draft, PARLEY_STR("bad key"), PARLEY_STR("x")));
  EXPECT_INVALID(parley_ticket_create(client, draft, 1, id)); /* the key breaks the rules */
  EXPECT_OK(parley_ticket_draft_set_metadata(draft, PARLEY_STR("bad key"), NULL, 0));
  parley_ticket_draft_free(draft);
  EXPECT_OK(parley_ticket_draft_new(&draft));
  EXPECT_OK(parley_ticket_draft_set_subject(draft, PARLEY_STR("Refund")));
  EXPECT_OK(parley_ticket_draft_set_metadata(draft, PARLEY_STR("cart"), PARLEY_STR("C-1")));
  EXPECT_OK(parley_ticket_create(client, draft, 1, id));
  CHECK(id[0] != '\0');
  EXPECT_OK(parley_outbox_size(client, &n));
  CHECK(n == queued_before + 1);
  parley_ticket_draft_free(draft);
  parley_ticket_draft_free(NULL);

  EXPECT_INVALID(parley_ticket_list(NULL, PARLEY_TICKET_STATUS_ANY, 1));
  EXPECT_INVALID(parley_ticket_list(client, (parley_ticket_status)5, 1));
  EXPECT_INVALID(parley_ticket_list(client, (parley_ticket_status)-1, 1));

  EXPECT_INVALID(parley_ticket_get(NULL, PARLEY_STR("t-1"), 1));
  EXPECT_INVALID(parley_ticket_get(client, NULL, 3, 1));
  EXPECT_INVALID(parley_ticket_get(client, PARLEY_STR("t-\xC3\x28"), 1));

  EXPECT_INVALID(parley_ticket_add_comment(NULL, PARLEY_STR("t-1"), PARLEY_STR("hi"), 1, id));
  EXPECT_INVALID(parley_ticket_add_comment(client, NULL, 3, PARLEY_STR("hi"), 1, id));
  EXPECT_INVALID(parley_ticket_add_comment(client, PARLEY_STR("t-1"), NULL, 2, 1, id));
  EXPECT_INVALID(parley_ticket_add_comment(client, PARLEY_STR("t-1"), NULL, 0, 1, id));
  EXPECT_INVALID(
      parley_ticket_add_comment(client, PARLEY_STR("t-1"), PARLEY_STR("\xF4\x90\x80\x80"), 1, id));
  EXPECT_INVALID(
      parley_ticket_add_comment(client, PARLEY_STR("t-1"), g_oversized, OVERSIZED_LEN, 1, id));
}

static void test_faq(parley_client *client) {
  const parley_event *ev = NULL;
  size_t hits = 99;
  char id[PARLEY_CLIENT_ID_SIZE] = "";

  EXPECT_INVALID(parley_faq_sync(NULL, 1));
  EXPECT_INVALID(parley_faq_search(NULL, PARLEY_STR("refund"), NULL, 0, 0, 1));
  EXPECT_INVALID(parley_faq_search(client, NULL, 6, NULL, 0, 0, 1));
  EXPECT_INVALID(parley_faq_search(client, PARLEY_STR("re\xC3\x28"), NULL, 0, 0, 1));
  EXPECT_INVALID(parley_faq_search(client, PARLEY_STR("refund"), NULL, 2, 0, 1));
  EXPECT_INVALID(parley_faq_search(client, PARLEY_STR("refund"), PARLEY_STR("\xC0\xAF"), 0, 1));
  EXPECT_INVALID(parley_faq_search(client, PARLEY_STR("refund"), NULL, 0, -1, 1));
  EXPECT_INVALID(parley_faq_search(client, PARLEY_STR("refund"), NULL, 0, 51, 1));

  EXPECT_INVALID(parley_faq_suggest(NULL, PARLEY_STR("my parcel is late"), NULL, 0, 0, 1));
  EXPECT_INVALID(parley_faq_suggest(client, NULL, 6, NULL, 0, 0, 1));
  EXPECT_INVALID(parley_faq_suggest(client, PARLEY_STR("  "), NULL, 0, 0, 1));
  EXPECT_INVALID(parley_faq_suggest(client, PARLEY_STR("re\xC3\x28"), NULL, 0, 0, 1));
  EXPECT_INVALID(parley_faq_suggest(client, PARLEY_STR("refund"), PARLEY_STR("\xC0\xAF"), 0, 1));
  EXPECT_INVALID(parley_faq_suggest(client, PARLEY_STR("refund"), NULL, 0, -1, 1));
  EXPECT_INVALID(parley_faq_suggest(client, PARLEY_STR("refund"), NULL, 0, 51, 1));

  EXPECT_INVALID(parley_faq_rate_article(NULL, PARLEY_STR("refund-policy"), 1, 1, id));
  EXPECT_INVALID(parley_faq_rate_article(client, NULL, 6, 1, 1, id));
  EXPECT_INVALID(parley_faq_rate_article(client, PARLEY_STR("no spaces"), 1, 1, id));
  EXPECT_INVALID(parley_faq_rate_article(client, PARLEY_STR("refund-policy"), 2, 1, id));
  EXPECT_INVALID(parley_faq_rate_article(client, PARLEY_STR("refund-policy"), -1, 1, id));
  CHECK(id[0] == '\0');  /* nothing was queued */

  /* The ticket life cycle and the hand-off: NULL handles, bad ids, scores, limits. */
  EXPECT_INVALID(parley_ticket_close(NULL, PARLEY_STR("t-1"), 1, id));
  EXPECT_INVALID(parley_ticket_reopen(client, PARLEY_STR("t 1"), 1, id));
  EXPECT_INVALID(parley_ticket_rate(client, PARLEY_STR("t-1"), 0, NULL, 0, 1, id));
  EXPECT_INVALID(parley_ticket_rate(client, PARLEY_STR("t-1"), 6, NULL, 0, 1, id));
  EXPECT_INVALID(parley_ticket_rate(client, PARLEY_STR("t-1"), 5, "\xC0\xAF", 2, 1, id));
  EXPECT_INVALID(parley_ticket_list_page(client, PARLEY_TICKET_STATUS_ANY, NULL, 0, NULL, 0, 101, 1));
  EXPECT_INVALID(parley_ticket_list_page(client, (parley_ticket_status)9, NULL, 0, NULL, 0, 0, 1));
  EXPECT_INVALID(parley_ticket_list_page(client, PARLEY_TICKET_STATUS_ANY, NULL, 0, PARLEY_STR("t 1"), 0, 1));
  EXPECT_INVALID(parley_ticket_load_schema(NULL, 1));
  EXPECT_INVALID(parley_ticket_cached(client, NULL, NULL));
  EXPECT_INVALID(parley_ticket_cached_schema(NULL, NULL, NULL));
  EXPECT_INVALID(parley_chat_request_agent(NULL, NULL, 0, 1, id));
  EXPECT_INVALID(parley_chat_request_agent(client, PARLEY_STR("c 1"), 1, id));
  EXPECT_INVALID(parley_agent_take_ticket(client, NULL, 3, 1, id));
  EXPECT_INVALID(parley_agent_set_ticket_priority(client, PARLEY_STR("t-1"), (parley_ticket_priority)0, 1, id));
  CHECK(id[0] == '\0');  /* nothing was queued */

  /* Attachments: files that cannot be read or sent, NULL lists, too many ids. */
  {
    const char *ids[11] = {"at-1", "at-2", "at-3", "at-4", "at-5", "at-6", "at-7", "at-8", "at-9", "at-10", "at-11"};
    const char *with_null[2] = {"at-1", NULL};
    const char *missing[1] = {"/no/such/file.png"};
    EXPECT_INVALID(parley_attachment_upload(NULL, PARLEY_STR("/tmp/x.png"), NULL, 0, NULL, 0, 1, id));
    EXPECT_INVALID(parley_attachment_upload(client, PARLEY_STR("/no/such/file.png"), NULL, 0, NULL, 0, 1, id));
    EXPECT_INVALID(parley_attachment_upload(client, NULL, 0, NULL, 0, NULL, 0, 1, id));
    CHECK(parley_attachment_cancel(client, PARLEY_STR("nothing")) == PARLEY_E_NOT_FOUND);
    EXPECT_INVALID(parley_attachment_download(client, PARLEY_STR("at 1"), 1));
    EXPECT_INVALID(parley_attachment_download(NULL, PARLEY_STR("at-1"), 1));
    EXPECT_INVALID(parley_chat_send_with_attachments(client, PARLEY_STR("hi"), NULL, 0, ids, 11, 1, id));
    EXPECT_INVALID(parley_chat_send_with_attachments(client, PARLEY_STR("hi"), NULL, 0, NULL, 2, 1, id));
    EXPECT_INVALID(parley_chat_send_with_attachments(client, PARLEY_STR("hi"), NULL, 0, with_null, 2, 1, id));
    EXPECT_INVALID(parley_ticket_add_comment_with_attachments(client, PARLEY_STR("t-1"), PARLEY_STR("hi"), ids, 11, 1, id));
    /* Files from the device: none, NULL lists and entries, unreadable or untyped files. */
    EXPECT_INVALID(parley_chat_send_with_files(client, PARLEY_STR("hi"), NULL, 0, NULL, NULL, 0, 1, id));
    EXPECT_INVALID(parley_chat_send_with_files(client, PARLEY_STR("hi"), NULL, 0, NULL, NULL, 2, 1, id));
    EXPECT_INVALID(parley_chat_send_with_files(client, PARLEY_STR("hi"), NULL, 0, with_null, NULL, 2, 1, id));
    EXPECT_INVALID(parley_chat_send_with_files(client, PARLEY_STR("hi"), NULL, 0, ids, NULL, 11, 1, id));
    EXPECT_INVALID(parley_chat_send_with_files(client, PARLEY_STR("hi"), NULL, 0, missing, NULL, 1, 1, id));
    EXPECT_INVALID(parley_chat_send_with_files(NULL, PARLEY_STR("hi"), NULL, 0, missing, NULL, 1, 1, id));
    EXPECT_INVALID(parley_ticket_add_comment_with_files(client, PARLEY_STR("t-1"), PARLEY_STR("hi"), missing, NULL, 1, 1, id));
    EXPECT_INVALID(parley_ticket_add_comment_with_files(client, NULL, 3, PARLEY_STR("hi"), missing, NULL, 1, 1, id));
    CHECK(id[0] == '\0');  /* nothing was queued */
  }

  /* Search answers from the device even offline: nothing synced, so no hits, but no error. */
  EXPECT_OK(parley_faq_search(client, PARLEY_STR("refund"), PARLEY_STR("en"), 5, 78));
  ev = wait_for(client, PARLEY_EVENT_FAQ_RESULTS, 78);
  CHECK(ev != NULL);
  if (ev == NULL) return;
  CHECK(parley_event_status(ev) == PARLEY_OK);
  EXPECT_OK(parley_event_get_size(ev, PARLEY_STR("/hits"), &hits));
  CHECK(hits == 0);

  EXPECT_OK(parley_faq_suggest(client, PARLEY_STR("I want a refund"), NULL, 0, 0, 79));
  ev = wait_for(client, PARLEY_EVENT_FAQ_RESULTS, 79);
  CHECK(ev != NULL);
  if (ev == NULL) return;
  CHECK(parley_event_status(ev) == PARLEY_OK);
  EXPECT_OK(parley_event_get_size(ev, PARLEY_STR("/hits"), &hits));
  CHECK(hits == 0);
}

static void test_agent(parley_client *client) {
  char id[PARLEY_CLIENT_ID_SIZE] = "";
  EXPECT_INVALID(parley_agent_reply(NULL, PARLEY_STR("c-1"), PARLEY_STR("hi"), 1, id));
  EXPECT_INVALID(parley_agent_reply(client, NULL, 3, PARLEY_STR("hi"), 1, id));
  EXPECT_INVALID(parley_agent_reply(client, PARLEY_STR("c-1"), NULL, 2, 1, id));
  EXPECT_INVALID(parley_agent_reply(client, PARLEY_STR("c-1"), PARLEY_STR("\xED\xA0\x80"), 1, id));
  EXPECT_INVALID(parley_agent_reply(client, PARLEY_STR("c-1"), g_oversized, OVERSIZED_LEN, 1, id));
  {
    const char *missing_file[1] = {"/no/such/file.png"};
    EXPECT_INVALID(parley_agent_reply_with_files(NULL, PARLEY_STR("c-1"), NULL, 0, missing_file, NULL, 1, 1, id));
    EXPECT_INVALID(parley_agent_reply_with_files(client, PARLEY_STR("c-1"), NULL, 0, NULL, NULL, 1, 1, id));
    EXPECT_INVALID(parley_agent_reply_with_files(client, PARLEY_STR("c-1"), NULL, 0, missing_file, NULL, 0, 1, id));
    EXPECT_INVALID(parley_agent_reply_with_files(client, PARLEY_STR("c-1"), NULL, 0, missing_file, NULL, 1, 1, id));
  }

  EXPECT_INVALID(
      parley_agent_set_ticket_status(NULL, PARLEY_STR("t-1"), PARLEY_TICKET_STATUS_OPEN, 1));
  EXPECT_INVALID(parley_agent_set_ticket_status(client, NULL, 3, PARLEY_TICKET_STATUS_OPEN, 1));
  EXPECT_INVALID(parley_agent_set_ticket_status(client, PARLEY_STR("t-\xC3\x28"),
                                                PARLEY_TICKET_STATUS_OPEN, 1));
  EXPECT_INVALID(
      parley_agent_set_ticket_status(client, PARLEY_STR("t-1"), PARLEY_TICKET_STATUS_ANY, 1));
  EXPECT_INVALID(
      parley_agent_set_ticket_status(client, PARLEY_STR("t-1"), (parley_ticket_status)9, 1));

  EXPECT_INVALID(parley_agent_queue(NULL, 1));
  EXPECT_INVALID(parley_agent_take(NULL, PARLEY_STR("c-1"), 1));
  EXPECT_INVALID(parley_agent_take(client, NULL, 0, 1));
  EXPECT_INVALID(parley_agent_take(client, PARLEY_STR("c-\xC0\xAF"), 1));
}

/* --- Wake-up callback and its user data ------------------------------------------------------ */

struct wakeup_counts {
  int woken;
  int freed;
};
static void on_wakeup(void *user_data) { ((struct wakeup_counts *)user_data)->woken += 1; }
static void free_counts(void *user_data) { ((struct wakeup_counts *)user_data)->freed += 1; }

static void test_wakeup(void) {
  struct wakeup_counts first = {0, 0}, second = {0, 0}, cleared = {0, 0}, refused = {0, 0};
  parley_client *client = NULL;

  /* Ownership passes in every case: a refused call frees the user data before returning. */
  EXPECT_INVALID(parley_client_set_wakeup(NULL, on_wakeup, &refused, free_counts));
  CHECK(refused.freed == 1 && refused.woken == 0);

  EXPECT_OK(parley_client_create(&client, unreachable_config()));
  if (client == NULL) return;
  EXPECT_OK(parley_client_set_wakeup(client, on_wakeup, &first, free_counts));
  CHECK(first.freed == 0);
  EXPECT_OK(parley_client_set_wakeup(client, on_wakeup, &second, free_counts));
  CHECK(first.freed == 1); /* replaced */
  EXPECT_OK(parley_client_set_wakeup(client, NULL, &cleared, free_counts));
  CHECK(second.freed == 1 && cleared.freed == 1); /* cleared: both released now */
  CHECK(cleared.woken == 0);
  EXPECT_OK(parley_client_set_wakeup(client, on_wakeup, &first, NULL)); /* no free function */
  EXPECT_OK(parley_client_set_wakeup(client, on_wakeup, &second, free_counts));
  parley_client_free(client);
  CHECK(first.freed == 1 && second.freed == 2); /* released with the client, once */
}

int main(void) {
  parley_client *client = NULL;
  memset(g_oversized, 'a', sizeof g_oversized);

  test_library();
  test_config();
  test_client_create();
  test_wakeup();

  EXPECT_OK(parley_client_create(&client, unreachable_config()));
  CHECK(client != NULL);
  if (client != NULL) {
    test_poll(client);
    test_client_calls(client);
    test_event_readers(client);
    test_chat(client);
    test_chat_changes(client);
    test_tickets(client);
    test_faq(client);
    test_agent(client);
    parley_client_free(client);
  }

  printf("capi_args_test: %d checks, %d failed\n", g_checks, g_failures);
  return g_failures == 0 ? 0 : 1;
}
