/*
 * c-hello: a complete Parley app in C99, using nothing but parley.h.
 *
 *   c-hello [SERVER_URL [TOKEN [QUERY]]]
 *
 * SERVER_URL and TOKEN default to the environment variables PARLEY_SERVER_URL and
 * PARLEY_TOKEN; QUERY defaults to "refund". It syncs the help center to the device, searches
 * it, sends a chat message, and waits for the reply (from the FAQ bot or an agent), printing
 * each step. Exit status: 0 once the reply has arrived, 1 on any failure or after 60 s.
 *
 * The shape to copy: one event loop that drains parley_poll_event(), and a small state
 * machine: being connected starts the FAQ sync, and the reply to each request starts the next
 * one (each request carries a tag, and its reply carries it back).
 */
#include <parley/parley.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define WAIT_SECONDS 60
#define HELLO_TEXT "Hello from c-hello! How do I get a refund?"

enum { TAG_SYNC = 1, TAG_SEARCH = 2, TAG_SEND = 3 };

struct app {
  parley_client *client;
  const char *query;
  int started; /* the FAQ sync has been requested */
  int sent;    /* our message has been handed to Parley */
  int replied;
};

static int report_failure(const char *what, parley_status status) {
  fprintf(stderr, "c-hello: %s failed: %s: %s\n", what, parley_status_name(status),
          parley_last_error_message());
  return 1;
}

/* A string field of the event, or "" if it has none: enough for printing. */
static const char *field(const parley_event *ev, const char *pointer, size_t pointer_len) {
  const char *text = NULL;
  if (parley_event_get_string(ev, pointer, pointer_len, &text, NULL) != PARLEY_OK) return "";
  return text;
}

static parley_client *connect_client(const char *url, const char *token) {
  parley_config *cfg = NULL;
  parley_client *client = NULL;
  parley_status status = parley_config_new(&cfg);
  if (status == PARLEY_OK) status = parley_config_set_server_url(cfg, url, strlen(url));
  if (status == PARLEY_OK) status = parley_config_set_token(cfg, token, strlen(token));
  if (status == PARLEY_OK) status = parley_config_set_app(cfg, PARLEY_STR("c-hello/1.0"));
  if (status == PARLEY_OK) status = parley_config_set_locale(cfg, PARLEY_STR("en-US"));
  if (status != PARLEY_OK) {
    parley_config_free(cfg);
    report_failure("configuring", status);
    return NULL;
  }
  status = parley_client_create(&client, cfg); /* takes cfg in every case */
  if (status != PARLEY_OK) report_failure("parley_client_create", status);
  return client;
}

static void print_hits(const parley_event *ev) {
  size_t count = 0, i;
  char pointer[64];
  parley_event_get_size(ev, PARLEY_STR("/hits"), &count);
  printf("search: %u article(s)\n", (unsigned)count);
  for (i = 0; i < count; ++i) {
    const char *title = NULL;
    int n = sprintf(pointer, "/hits/%u/article/title", (unsigned)i);
    if (parley_event_get_string(ev, pointer, (size_t)n, &title, NULL) == PARLEY_OK) {
      printf("  %u. %s\n", (unsigned)(i + 1), title);
    }
  }
}

/* Reacts to one event; returns nonzero to stop with a failure. */
static int handle(struct app *app, const parley_event *ev) {
  const parley_status status = parley_event_status(ev);
  const uint64_t tag = parley_event_tag(ev);
  parley_status next = PARLEY_OK;

  switch (parley_event_type(ev)) {
    case PARLEY_EVENT_CONNECTION_CHANGED:
      if (parley_event_connection_state(ev) != PARLEY_CONNECTION_CONNECTED) return 0;
      printf("connected as %s (%s)\n", field(ev, PARLEY_STR("/principal/name")),
             field(ev, PARLEY_STR("/principal/kind")));
      /* Reads need the link (writes would wait in the outbox): start once it is up. */
      if (app->started) return 0;
      app->started = 1;
      next = parley_faq_sync(app->client, TAG_SYNC);
      return next == PARLEY_OK ? 0 : report_failure("parley_faq_sync", next);
    case PARLEY_EVENT_AUTH_FAILED:
      fprintf(stderr, "c-hello: the server refused the token: %s\n",
              parley_event_error_message(ev));
      return 1;
    case PARLEY_EVENT_FAQ_SYNCED: {
      int64_t count = 0;
      if (tag != TAG_SYNC) return 0; /* tag 0: the client followed a catalogue change */
      if (status != PARLEY_OK) break;
      parley_event_get_int(ev, PARLEY_STR("/count"), &count);
      printf("help center synced: %ld article(s) updated\n", (long)count);
      next = parley_faq_search(app->client, app->query, strlen(app->query), NULL, 0, 3,
                               TAG_SEARCH);
      return next == PARLEY_OK ? 0 : report_failure("parley_faq_search", next);
    }
    case PARLEY_EVENT_FAQ_RESULTS:
      if (tag != TAG_SEARCH) return 0;
      if (status != PARLEY_OK) break;
      print_hits(ev);
      next = parley_chat_send(app->client, PARLEY_STR(HELLO_TEXT), NULL, 0, TAG_SEND, NULL);
      if (next != PARLEY_OK) return report_failure("parley_chat_send", next);
      app->sent = 1;
      return 0;
    case PARLEY_EVENT_MESSAGE_SENT:
      if (tag != TAG_SEND) return 0;
      if (status != PARLEY_OK) break;
      printf("sent: %s\nwaiting for a reply (the bot answers a new conversation; later, an "
             "agent)...\n",
             field(ev, PARLEY_STR("/message/text")));
      return 0;
    case PARLEY_EVENT_MESSAGE_RECEIVED:
      /* The bot's or an agent's answer. Messages of earlier sessions are replayed right after
       * connecting, before the replies to our requests: only what comes after our message
       * counts. */
      if (!app->sent || strcmp(field(ev, PARLEY_STR("/message/author/kind")), "user") == 0) {
        return 0;
      }
      printf("reply from %s (%s): %s\n", field(ev, PARLEY_STR("/message/author/name")),
             field(ev, PARLEY_STR("/message/author/kind")), field(ev, PARLEY_STR("/message/text")));
      app->replied = 1;
      return 0;
    default:
      return 0;
  }
  fprintf(stderr, "c-hello: %s failed: %s: %s\n", parley_event_type_name(parley_event_type(ev)),
          parley_status_name(status), parley_event_error_message(ev));
  return 1;
}

int main(int argc, char **argv) {
  const char *url = argc > 1 ? argv[1] : getenv("PARLEY_SERVER_URL");
  const char *token = argc > 2 ? argv[2] : getenv("PARLEY_TOKEN");
  struct app app;
  time_t deadline;
  int failed = 0;
  parley_status status;

  if (url == NULL || token == NULL) {
    fprintf(stderr, "usage: c-hello SERVER_URL TOKEN [QUERY]\n"
                    "   (or set PARLEY_SERVER_URL and PARLEY_TOKEN)\n");
    return 2;
  }
  app.query = argc > 3 ? argv[3] : "refund";
  app.started = 0;
  app.sent = 0;
  app.replied = 0;
  app.client = connect_client(url, token);
  if (app.client == NULL) return 1;

  deadline = time(NULL) + WAIT_SECONDS;
  while (!failed && !app.replied) {
    const parley_event *ev = NULL;
    if (time(NULL) > deadline) {
      fprintf(stderr, "c-hello: no reply within %d s\n", WAIT_SECONDS);
      failed = 1;
      break;
    }
    status = parley_poll_event(app.client, 250, &ev); /* ev is borrowed until the next poll */
    if (status != PARLEY_OK) {
      failed = report_failure("parley_poll_event", status);
    } else if (ev != NULL) {
      failed = handle(&app, ev);
    }
  }

  parley_client_free(app.client);
  return failed ? 1 : 0;
}
