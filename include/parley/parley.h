/*
 * parley.h: the Parley C ABI (C99; also compiles as C++).
 *
 * One header for apps written in C and for the wrappers (Swift, Kotlin/JNI, Dart FFI, C#,
 * Python ctypes) that embed libparley. The full guide, with the JSON schema of every event,
 * is docs/c-api.md; the compatibility policy is docs/api-stability.md.
 *
 * General pattern of usage
 * ------------------------
 *
 *     parley_config *cfg = NULL;
 *     parley_client *client = NULL;
 *     const parley_event *ev = NULL;
 *
 *     parley_config_new(&cfg);
 *     parley_config_set_server_url(cfg, url, strlen(url));
 *     parley_config_set_token(cfg, token, strlen(token));
 *     if (parley_client_create(&client, cfg) != PARLEY_OK) {   (cfg is consumed either way)
 *         fprintf(stderr, "%s\n", parley_last_error_message());
 *         return 1;
 *     }
 *
 *     parley_chat_send(client, text, strlen(text), NULL, 0, 42, NULL);   (tag 42)
 *
 *     for (;;) {                                  (one thread at a time drains the events)
 *         if (parley_poll_event(client, 1000, &ev) != PARLEY_OK) break;
 *         if (ev == NULL) continue;               (timed out: no event yet)
 *         if (parley_event_type(ev) == PARLEY_EVENT_MESSAGE_SENT && parley_event_tag(ev) == 42) {
 *             size_t len = 0;
 *             const char *json = parley_event_json(ev, &len);   (borrowed until next poll)
 *             ...
 *         }
 *     }
 *     parley_client_free(client);
 *
 * Conventions that hold for every function below
 * -----------------------------------------------
 *
 * Errors. Every function that can fail returns a parley_status: PARLEY_OK (0) or a negative
 *   code. After a failure, parley_last_error_message() tells why, in English. NULL handles,
 *   NULL out-params and bad values give PARLEY_E_INVALID_ARGUMENT. No C++ exception ever
 *   leaves the library.
 *
 * Strings in. Every string argument is a (pointer, length in bytes) pair: it need not be
 *   NUL-terminated. It must be valid UTF-8 and contain no NUL byte. (NULL, 0) is the empty
 *   string, which means "absent" for optional arguments; NULL with a nonzero length is
 *   PARLEY_E_INVALID_ARGUMENT. PARLEY_STR("literal") expands to a literal and its length.
 *   Parley copies what it needs before returning: the caller keeps ownership.
 *
 * Strings out. Strings that Parley returns are UTF-8 and NUL-terminated, and their length is
 *   also given. Each function says who owns them: either they are borrowed (and the function
 *   says for how long) or they are the caller's and must be released with parley_free(),
 *   never with free().
 *
 * Handles. parley_config, parley_ticket_draft and parley_client are opaque; each *_free
 *   accepts NULL. parley_event is opaque and borrowed from its client.
 *
 * Threads. A parley_client may be used from any thread at the same time, except that
 *   parley_poll_event() (and reading the event it returned) is for one thread at a time, and
 *   parley_client_free() must not race any other call on that client. Nothing here blocks on
 *   the network: requests are queued, and their outcome arrives later as an event carrying
 *   the caller's tag. parley_config and parley_ticket_draft are not thread-safe.
 *
 * Tags. Every request takes a uint64_t tag chosen by the caller; the reply event carries it
 *   back (0 is allowed but is also the tag of unsolicited events).
 */
#ifndef PARLEY_PARLEY_H
#define PARLEY_PARLEY_H

#include <stddef.h>
#include <stdint.h>

/* ---------------------------------------------------------------------------------------- */
/* Versions                                                                                  */
/* ---------------------------------------------------------------------------------------- */

#define PARLEY_VERSION_MAJOR 0
#define PARLEY_VERSION_MINOR 1
#define PARLEY_VERSION_PATCH 0
#define PARLEY_VERSION_STRING "0.1.0"
#define PARLEY_VERSION_NUMBER \
  (PARLEY_VERSION_MAJOR * 10000 + PARLEY_VERSION_MINOR * 100 + PARLEY_VERSION_PATCH)
/* True if this header is at least version major.minor.patch. */
#define PARLEY_VERSION_CHECK(major, minor, patch) \
  (PARLEY_VERSION_NUMBER >= ((major) * 10000 + (minor) * 100 + (patch)))

/* ---------------------------------------------------------------------------------------- */
/* Export and annotation macros                                                              */
/* ---------------------------------------------------------------------------------------- */

/* Define PARLEY_STATIC when linking the static library (parley::parley_static). */
#if defined(PARLEY_STATIC)
#  define PARLEY_EXPORT
#elif defined(_WIN32) || defined(__CYGWIN__)
#  if defined(PARLEY_BUILDING_LIBRARY)
#    define PARLEY_EXPORT __declspec(dllexport)
#  else
#    define PARLEY_EXPORT __declspec(dllimport)
#  endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#  define PARLEY_EXPORT __attribute__((visibility("default")))
#else
#  define PARLEY_EXPORT
#endif

#ifdef __cplusplus
#  define PARLEY_API extern "C" PARLEY_EXPORT
#else
#  define PARLEY_API extern PARLEY_EXPORT
#endif

/* C++ callers may rely on it: nothing here throws. */
#if defined(__cplusplus) && __cplusplus >= 201103L
#  define PARLEY_NOEXCEPT noexcept
#else
#  define PARLEY_NOEXCEPT
#endif

#if defined(__GNUC__) || defined(__clang__)
#  define PARLEY_DEPRECATED(msg) __attribute__((deprecated(msg)))
#elif defined(_MSC_VER)
#  define PARLEY_DEPRECATED(msg) __declspec(deprecated(msg))
#else
#  define PARLEY_DEPRECATED(msg)
#endif

/* Marks functions whose signature or behaviour may still change in a minor release
 * (docs/api-stability.md). */
#define PARLEY_EXPERIMENTAL_API PARLEY_API

/* A string literal and its length in bytes, for the (pointer, length) arguments. */
#define PARLEY_STR(literal) (literal), (sizeof(literal) - 1)

/* ---------------------------------------------------------------------------------------- */
/* Status codes and errors                                                                   */
/* ---------------------------------------------------------------------------------------- */

/* Values are stable: codes are only ever appended. The wire codes of docs/protocol.md keep
 * their names (PARLEY_E_NOT_FOUND is "not_found"). */
typedef enum parley_status {
  PARLEY_OK = 0,
  PARLEY_E_INVALID_ARGUMENT = -1, /* the caller passed something unusable (NULL, bad UTF-8, ...) */
  PARLEY_E_BAD_REQUEST = -2,      /* the server refused the request as malformed */
  PARLEY_E_UNAUTHORIZED = -3,     /* the token was refused */
  PARLEY_E_TOKEN_EXPIRED = -4,    /* the token has expired: parley_client_set_token() */
  PARLEY_E_FORBIDDEN = -5,        /* this principal may not do this (e.g. user calling agent op) */
  PARLEY_E_NOT_FOUND = -6,        /* no such object (or not visible), or no such event field */
  PARLEY_E_TOO_LARGE = -7,        /* a field exceeds the server's limit */
  PARLEY_E_RATE_LIMITED = -8,     /* too many requests; retry later */
  PARLEY_E_CONFLICT = -9,         /* conflicts with the object's state (e.g. status change) */
  PARLEY_E_UNAVAILABLE = -10,     /* the server cannot serve this now; retry */
  PARLEY_E_INTERNAL = -11,        /* a bug, here or on the server; or the device's store failed */
  PARLEY_E_TIMEOUT = -12,         /* no reply in time; a write stays queued and is resent */
  PARLEY_E_DISCONNECTED = -13,    /* a read needed the network and the link was down */
  PARLEY_E_CLOSED = -14,          /* the client is shutting down */
  PARLEY_E_NO_MEMORY = -15        /* out of memory */
} parley_status;

/* The detail of the last failure of a Parley call on this thread, prefixed with the
 * function's name; "" after a call that returned PARLEY_OK. Never NULL; allocates nothing.
 * Borrowed: valid until the next Parley call on this thread. */
PARLEY_API const char *parley_last_error_message(void) PARLEY_NOEXCEPT;

/* The stable name of a status, e.g. "ok", "not_found", "no_memory"; "unknown" for values
 * that are not a parley_status. Static storage: never freed, never NULL. */
PARLEY_API const char *parley_status_name(parley_status status) PARLEY_NOEXCEPT;

/* ---------------------------------------------------------------------------------------- */
/* Library                                                                                   */
/* ---------------------------------------------------------------------------------------- */

/* The version of the library linked at run time (compare with PARLEY_VERSION_*). Each
 * out-param may be NULL. */
PARLEY_API void parley_version(int *major, int *minor, int *patch) PARLEY_NOEXCEPT;

/* What this build of the library can do: a bit set of parley_feature. */
typedef enum parley_feature {
  PARLEY_FEATURE_THREADS = 1 << 0,          /* calls are safe from any thread */
  PARLEY_FEATURE_PERSISTENT_STORE = 1 << 1, /* parley_config_set_store_path() keeps data */
  PARLEY_FEATURE_OFFLINE_SEARCH = 1 << 2,   /* parley_faq_search() answers from the device */
  PARLEY_FEATURE_RECEIPTS = 1 << 3          /* receipts, unread counts, edits, typing */
} parley_feature;
PARLEY_API uint32_t parley_features(void) PARLEY_NOEXCEPT;

/* Releases memory that a Parley function handed to the caller (the documentation of that
 * function says so). NULL is a no-op. */
PARLEY_API void parley_free(void *memory) PARLEY_NOEXCEPT;

/* ---------------------------------------------------------------------------------------- */
/* Config                                                                                    */
/* ---------------------------------------------------------------------------------------- */

typedef struct parley_config parley_config;

/* Creates an empty config. Owner: the caller, until parley_client_create() takes it or
 * parley_config_free() releases it. */
PARLEY_API parley_status parley_config_new(parley_config **out) PARLEY_NOEXCEPT;
PARLEY_API void parley_config_free(parley_config *config) PARLEY_NOEXCEPT;

/* Required: "ws://HOST:PORT/v1" (or wss://). */
PARLEY_API parley_status parley_config_set_server_url(parley_config *config, const char *url,
                                                      size_t url_len) PARLEY_NOEXCEPT;
/* Required: the user's (or agent's) signed token, minted by the app's backend. */
PARLEY_API parley_status parley_config_set_token(parley_config *config, const char *token,
                                                 size_t token_len) PARLEY_NOEXCEPT;
/* The SQLite file that keeps the outbox, cache and FAQ across restarts. Empty (the default)
 * keeps everything in memory. */
PARLEY_API parley_status parley_config_set_store_path(parley_config *config, const char *path,
                                                      size_t path_len) PARLEY_NOEXCEPT;
/* Describes the app to the server, e.g. "com.example.shop/2.3". Optional. */
PARLEY_API parley_status parley_config_set_app(parley_config *config, const char *app,
                                               size_t app_len) PARLEY_NOEXCEPT;
/* "ios", "android", "linux", ... Optional. */
PARLEY_API parley_status parley_config_set_platform(parley_config *config, const char *platform,
                                                    size_t platform_len) PARLEY_NOEXCEPT;
/* "ko-KR", "en-US", ... Optional; the server's bot answers in this locale. */
PARLEY_API parley_status parley_config_set_locale(parley_config *config, const char *locale,
                                                  size_t locale_len) PARLEY_NOEXCEPT;
/* Optional: sync the FAQ catalogue over HTTP from this URL, e.g. "https://HOST/v1/faq"
 * (parley-server serves it on its own port), gzip-compressed and revalidated by ETag. Empty
 * (the default): the FAQ syncs over the WebSocket. */
PARLEY_API parley_status parley_config_set_faq_url(parley_config *config, const char *url,
                                                   size_t url_len) PARLEY_NOEXCEPT;
/* The device, as new tickets' metadata names it for agents: the OS ("iOS 18.1") and the
 * device model ("iPhone15,2"). Empty (the default): what the system reports (uname). */
PARLEY_API parley_status parley_config_set_device(parley_config *config, const char *os,
                                                  size_t os_len, const char *device,
                                                  size_t device_len) PARLEY_NOEXCEPT;
/* How long a request waits for its reply before its event carries PARLEY_E_TIMEOUT.
 * At least 1 ms; default 15000. */
PARLEY_API parley_status parley_config_set_request_timeout_ms(parley_config *config,
                                                              int64_t timeout_ms) PARLEY_NOEXCEPT;
/* Reconnect delays: exponential from base_ms, capped at cap_ms, with full jitter.
 * 1 <= base_ms <= cap_ms; defaults 250 and 30000. */
PARLEY_API parley_status parley_config_set_reconnect_backoff_ms(parley_config *config,
                                                                int64_t base_ms,
                                                                int64_t cap_ms) PARLEY_NOEXCEPT;

/* ---------------------------------------------------------------------------------------- */
/* Client                                                                                    */
/* ---------------------------------------------------------------------------------------- */

typedef struct parley_client parley_client;

/* Opens the store and starts the client's own thread and connection; returns at once.
 * Takes ownership of config in every case, even on failure: do not use or free it after.
 * On success *out is the caller's, released with parley_client_free(). Several clients may
 * live in one process; each is independent. */
PARLEY_API parley_status parley_client_create(parley_client **out,
                                              parley_config *config) PARLEY_NOEXCEPT;

/* Closes the connection, joins the client's thread and releases everything, including the
 * last polled event and the wake-up user data. Blocks until that thread has stopped. NULL is
 * a no-op. Must not race any other call on this client, nor run inside its wake-up callback. */
PARLEY_API void parley_client_free(parley_client *client) PARLEY_NOEXCEPT;

/* Replaces the token (after PARLEY_EVENT_AUTH_FAILED, or before it expires); reconnects if
 * needed. Nothing queued is lost. */
PARLEY_API parley_status parley_client_set_token(parley_client *client, const char *token,
                                                 size_t token_len) PARLEY_NOEXCEPT;

/* A hint from the host app that the network changed: reconnect now, skipping the backoff. */
PARLEY_API parley_status parley_network_changed(parley_client *client) PARLEY_NOEXCEPT;

/* The app went to the background (foreground = 0) or came back (1). In the background the
 * link closes once queued writes have gone out (5 s at most) and stays closed; back in the
 * foreground it reconnects at once. */
PARLEY_API parley_status parley_set_foreground(parley_client *client,
                                               int foreground) PARLEY_NOEXCEPT;

/* The number of writes (messages, tickets, comments, replies) not yet acknowledged by the
 * server. */
PARLEY_API parley_status parley_outbox_size(parley_client *client, size_t *out) PARLEY_NOEXCEPT;

/* ---------------------------------------------------------------------------------------- */
/* Events                                                                                    */
/* ---------------------------------------------------------------------------------------- */

typedef struct parley_event parley_event;

/* The type of an event (parley_event_type() returns it); mirrors parley::EventType. The JSON
 * of each type is described in docs/c-api.md. */
typedef enum parley_event_kind {
  PARLEY_EVENT_NONE = 0, /* not an event: what parley_event_type(NULL) returns */
  /* Unsolicited (tag 0). */
  PARLEY_EVENT_CONNECTION_CHANGED = 1, /* parley_event_connection_state(); "principal" */
  PARLEY_EVENT_AUTH_FAILED = 2,        /* token refused: status says why; set a new token */
  PARLEY_EVENT_MESSAGE_RECEIVED = 3,   /* "message": a new message, any author; once per id */
  PARLEY_EVENT_TICKET_UPDATED = 4,     /* "ticket", "change" */
  PARLEY_EVENT_TICKET_COMMENT = 5,     /* "comment": a new comment on a ticket; once per id */
  PARLEY_EVENT_RESYNCED = 6,           /* caches were reset: fetch what you show again */
  /* Replies (the request's tag; parley_event_status() says whether it failed). */
  PARLEY_EVENT_MESSAGE_SENT = 7,         /* parley_chat_send, parley_agent_reply: "message" */
  PARLEY_EVENT_HISTORY_LOADED = 8,       /* parley_chat_load_history: "messages", "has_more" */
  PARLEY_EVENT_CONVERSATIONS_LISTED = 9, /* parley_chat_list_conversations: "conversations" */
  PARLEY_EVENT_TICKET_CREATED = 10,      /* parley_ticket_create: "ticket" */
  PARLEY_EVENT_TICKETS_LISTED = 11,      /* parley_ticket_list: "tickets", "has_more" */
  PARLEY_EVENT_TICKET_LOADED = 12,       /* parley_ticket_get: "ticket", "comments" */
  PARLEY_EVENT_COMMENT_ADDED = 13,       /* parley_ticket_add_comment: "comment" */
  PARLEY_EVENT_TICKET_STATUS_SET = 14,   /* parley_agent_set_ticket_status: "ticket" */
  PARLEY_EVENT_AGENT_QUEUE_LOADED = 15,  /* parley_agent_queue: "conversations", "tickets" */
  PARLEY_EVENT_FAQ_SYNCED = 16,          /* parley_faq_sync, or tag 0 when the client followed a
                                            catalogue change by itself: "count", "version" */
  PARLEY_EVENT_FAQ_RESULTS = 17,         /* parley_faq_search: "hits" */
  /* Unsolicited: */
  PARLEY_EVENT_MESSAGE_UPDATED = 18,      /* "message" was edited or deleted; "change" */
  PARLEY_EVENT_CONVERSATION_UPDATED = 19, /* "conversation" (with "unread_count" and
                                             "queue_position"); "change": "assigned",
                                             "receipts", "read", "queued" or "queue" */
  PARLEY_EVENT_TYPING_CHANGED = 20,       /* "conversation_id", "author", "typing" */
  PARLEY_EVENT_TOKEN_EXPIRING = 21,       /* "seconds_left": call parley_client_set_token */
  /* Replies: */
  PARLEY_EVENT_MESSAGE_EDITED = 22,       /* parley_chat_edit, parley_chat_delete: "message",
                                             "change" */
  PARLEY_EVENT_CONVERSATION_TAKEN = 23,   /* parley_agent_take: "conversation" */
  PARLEY_EVENT_ARTICLE_RATED = 24,        /* parley_faq_rate_article: "client_id", "feedback"
                                             {"article_id", "helpful", "helpful_count",
                                             "not_helpful_count"} */
  PARLEY_EVENT_TICKET_SCHEMA_LOADED = 25, /* parley_ticket_load_schema, or tag 0 when the
                                             server's schema changed: "schema" */
  PARLEY_EVENT_TICKET_CHANGED = 26,       /* parley_ticket_close, _reopen, _rate,
                                             parley_agent_set_ticket_priority,
                                             parley_agent_take_ticket: "client_id", "ticket",
                                             "change" */
  PARLEY_EVENT_AGENT_REQUESTED = 27,      /* parley_chat_request_agent: "client_id",
                                             "conversation" (with "queue_position") */
  PARLEY_EVENT_ATTACHMENT_PROGRESS = 28,  /* parley_attachment_upload (its tag): "upload_id",
                                             "attachment" ("received" of "size"), "client_id"
                                             (the write of a file sent with one, else null) */
  PARLEY_EVENT_ATTACHMENT_UPLOADED = 29,  /* parley_attachment_upload: "upload_id",
                                             "attachment" (complete), "client_id" */
  PARLEY_EVENT_ATTACHMENT_DOWNLOADED = 30, /* parley_attachment_download: "attachment_id",
                                              "path" (the file on the device) */
  PARLEY_EVENT_STORE_HEALTH_CHANGED = 31   /* the device's disk started failing the store's
                                              flushes (status and "error" say why), or works
                                              again (PARLEY_OK); see docs/sdk-guarantees.md */
} parley_event_kind;

/* The stable name of an event type, as in the JSON "type" field ("message_received");
 * "none" for PARLEY_EVENT_NONE, "unknown" for other values. Static storage. */
PARLEY_API const char *parley_event_type_name(parley_event_kind type) PARLEY_NOEXCEPT;

/* Takes the next event, waiting up to timeout_ms (0 = do not wait; at most INT32_MAX).
 * On PARLEY_OK, *out is the event, or NULL if none arrived in time. The event is borrowed
 * from the client: it and every pointer read from it stay valid until the next
 * parley_poll_event() on this client (even one that fails) or parley_client_free().
 * Call it from one thread at a time per client. Events arrive in order, each once. */
PARLEY_API parley_status parley_poll_event(parley_client *client, int32_t timeout_ms,
                                           const parley_event **out) PARLEY_NOEXCEPT;

/* Tells the app that events are waiting: called from inside parley_client_set_wakeup() if
 * events are already queued, then whenever the client's event queue becomes non-empty,
 * on any thread (often the client's own). A call may find nothing to poll. It must only
 * schedule a drain (post to the UI loop, signal a condition): it must not call any Parley
 * function. */
typedef void (*parley_wakeup_fn)(void *user_data);
/* Releases user data that the caller handed to Parley. */
typedef void (*parley_free_fn)(void *user_data);

/* Sets (or, with fn NULL, clears) the wake-up callback. Parley takes ownership of user_data
 * in every case, even on failure: free_user_data (if not NULL) is called exactly once with
 * it, on any thread, after the last call of fn with it: when the callback is replaced or
 * cleared, when the client is freed, or before this function returns if it fails or fn is
 * NULL. */
PARLEY_API parley_status parley_client_set_wakeup(parley_client *client, parley_wakeup_fn fn,
                                                  void *user_data,
                                                  parley_free_fn free_user_data) PARLEY_NOEXCEPT;

/* Readers of an event. ev is borrowed (see parley_poll_event); so is every pointer returned.
 * With ev NULL they return the value in brackets and set the last error message. */

/* [PARLEY_EVENT_NONE] */
PARLEY_API parley_event_kind parley_event_type(const parley_event *ev) PARLEY_NOEXCEPT;
/* The tag of the request this event replies to; 0 for unsolicited events. [0] */
PARLEY_API uint64_t parley_event_tag(const parley_event *ev) PARLEY_NOEXCEPT;
/* PARLEY_OK, or why the request (or the link) failed. [PARLEY_E_INVALID_ARGUMENT] */
PARLEY_API parley_status parley_event_status(const parley_event *ev) PARLEY_NOEXCEPT;
/* The failure's detail, "" if none. Never NULL. [""] */
PARLEY_API const char *parley_event_error_message(const parley_event *ev) PARLEY_NOEXCEPT;

typedef enum parley_connection_state {
  PARLEY_CONNECTION_DISCONNECTED = 0,
  PARLEY_CONNECTION_CONNECTING = 1,
  PARLEY_CONNECTION_CONNECTED = 2
} parley_connection_state;
/* The new state, for PARLEY_EVENT_CONNECTION_CHANGED (DISCONNECTED for other types).
 * [PARLEY_CONNECTION_DISCONNECTED] */
PARLEY_API parley_connection_state parley_event_connection_state(const parley_event *ev)
    PARLEY_NOEXCEPT;

/* The whole event as one UTF-8 JSON object (schema per type in docs/c-api.md), NUL-terminated;
 * its length in bytes goes to *out_len if out_len is not NULL. Never NULL. [""] */
PARLEY_API const char *parley_event_json(const parley_event *ev, size_t *out_len) PARLEY_NOEXCEPT;

/* Direct reads of one field of that JSON, addressed by a JSON Pointer (RFC 6901), e.g.
 * "/message/text", "/hits/0/article/title", "/ticket/status". They spare C code a JSON
 * parser. PARLEY_E_NOT_FOUND if the field is absent or has another JSON type.
 *
 * A string field: *out is borrowed (NUL-terminated), *out_len (if not NULL) its length. */
PARLEY_API parley_status parley_event_get_string(const parley_event *ev, const char *pointer,
                                                 size_t pointer_len, const char **out,
                                                 size_t *out_len) PARLEY_NOEXCEPT;
/* An integer field (JSON booleans count as 0 and 1). */
PARLEY_API parley_status parley_event_get_int(const parley_event *ev, const char *pointer,
                                              size_t pointer_len, int64_t *out) PARLEY_NOEXCEPT;
/* The number of elements of an array field (or members of an object field). */
PARLEY_API parley_status parley_event_get_size(const parley_event *ev, const char *pointer,
                                               size_t pointer_len, size_t *out) PARLEY_NOEXCEPT;

/* ---------------------------------------------------------------------------------------- */
/* Chat                                                                                      */
/* ---------------------------------------------------------------------------------------- */

/* Bytes needed to receive a client id: up to 64 id bytes and a NUL. */
#define PARLEY_CLIENT_ID_SIZE 65

/* Sends a message (non-blank UTF-8, at most 8192 bytes or the server's announced limit).
 * conversation (optional) is a conversation id; absent = the user's open conversation,
 * created if none. The message is stored in the outbox first and resent until the server
 * has it, exactly once; the reply is PARLEY_EVENT_MESSAGE_SENT with this tag.
 * out_client_id (optional) receives the message's client id, NUL-terminated: a caller
 * buffer of at least PARLEY_CLIENT_ID_SIZE bytes. */
PARLEY_API parley_status parley_chat_send(parley_client *client, const char *text,
                                          size_t text_len, const char *conversation,
                                          size_t conversation_len, uint64_t tag,
                                          char *out_client_id) PARLEY_NOEXCEPT;

/* Loads a page of a conversation's history, oldest first, ending before the message id
 * `before` (optional; absent = the newest). limit: 1..100, or 0 for 50.
 * Reply: PARLEY_EVENT_HISTORY_LOADED. */
PARLEY_API parley_status parley_chat_load_history(parley_client *client, const char *conversation,
                                                  size_t conversation_len, const char *before,
                                                  size_t before_len, int32_t limit,
                                                  uint64_t tag) PARLEY_NOEXCEPT;

/* Lists the user's conversations, newest first. Reply: PARLEY_EVENT_CONVERSATIONS_LISTED. */
PARLEY_API parley_status parley_chat_list_conversations(parley_client *client,
                                                        uint64_t tag) PARLEY_NOEXCEPT;

/* "Talk to a person" (users): the conversation (empty: the user's open one) waits for an
 * agent. The bot hands over what it cannot answer by itself. The user's place in the queue is
 * the conversation's "queue_position" (null when not waiting), and each move comes as
 * PARLEY_EVENT_CONVERSATION_UPDATED ("change": "queued", then "queue"). Outbox as
 * parley_chat_send; asking twice changes nothing. Reply: PARLEY_EVENT_AGENT_REQUESTED. */
PARLEY_API parley_status parley_chat_request_agent(parley_client *client,
                                                   const char *conversation,
                                                   size_t conversation_len, uint64_t tag,
                                                   char *out_client_id) PARLEY_NOEXCEPT;

/* The messages of a conversation kept on the device (including ones still being sent),
 * oldest first, read synchronously from the local store: works offline, never waits on the
 * network. An absent conversation lists the pending messages that have no conversation yet.
 * *out_json receives {"messages":[Message...]} (docs/c-api.md), NUL-terminated, owned by the
 * caller: release it with parley_free(). *out_len (if not NULL) gets its length. */
PARLEY_API parley_status parley_chat_cached_messages(parley_client *client,
                                                     const char *conversation,
                                                     size_t conversation_len, char **out_json,
                                                     size_t *out_len) PARLEY_NOEXCEPT;

/* Edits one of the principal's own messages (by server id) to `text`. A write, like
 * parley_chat_send: queued, sent until the server has it, once. Reply:
 * PARLEY_EVENT_MESSAGE_EDITED. out_client_id (optional) as in parley_chat_send. */
PARLEY_API parley_status parley_chat_edit(parley_client *client, const char *message_id,
                                          size_t message_id_len, const char *text,
                                          size_t text_len, uint64_t tag,
                                          char *out_client_id) PARLEY_NOEXCEPT;

/* Deletes one of the principal's own messages (it stays in place, empty, "deleted": true).
 * A write; reply: PARLEY_EVENT_MESSAGE_EDITED with "change": "deleted". */
PARLEY_API parley_status parley_chat_delete(parley_client *client, const char *message_id,
                                            size_t message_id_len, uint64_t tag,
                                            char *out_client_id) PARLEY_NOEXCEPT;

/* Drops a write the server does not have: one waiting offline, or one that failed.
 * PARLEY_OK: gone, with its pending message. PARLEY_E_NOT_FOUND: unknown client id, or the
 * server has it already. PARLEY_E_CONFLICT: it is on the wire right now (delete it once
 * sent). Reads the local store only. */
PARLEY_API parley_status parley_chat_cancel(parley_client *client, const char *client_id,
                                            size_t client_id_len) PARLEY_NOEXCEPT;

/* Queues a failed write again, at the end of the line. PARLEY_E_NOT_FOUND: unknown;
 * PARLEY_E_CONFLICT: it has not failed. Reads the local store only. */
PARLEY_API parley_status parley_chat_retry(parley_client *client, const char *client_id,
                                           size_t client_id_len) PARLEY_NOEXCEPT;

/* The user has seen the conversation up to message_id (absent: everything on the device).
 * The read receipt is kept on the device until the server has it; unread counts drop at once
 * (PARLEY_EVENT_CONVERSATION_UPDATED, "change": "read"). */
PARLEY_API parley_status parley_chat_mark_read(parley_client *client, const char *conversation,
                                               size_t conversation_len, const char *message_id,
                                               size_t message_id_len) PARLEY_NOEXCEPT;

/* Call on every keystroke with typing = 1, and with 0 when the user stops: the client sends at
 * most one "typing" per 3 s. Live only (nothing is queued offline). */
PARLEY_API parley_status parley_chat_set_typing(parley_client *client, const char *conversation,
                                                size_t conversation_len,
                                                int typing) PARLEY_NOEXCEPT;

/* The conversations kept on the device, most recently active first, each with its
 * "unread_count", "assignee" and "receipts". Read synchronously from the local store, like
 * parley_chat_cached_messages: *out_json receives {"conversations":[Conversation...]}, owned
 * by the caller (parley_free). */
PARLEY_API parley_status parley_chat_cached_conversations(parley_client *client, char **out_json,
                                                          size_t *out_len) PARLEY_NOEXCEPT;

/* ---------------------------------------------------------------------------------------- */
/* Tickets                                                                                   */
/* ---------------------------------------------------------------------------------------- */

typedef enum parley_ticket_status {
  PARLEY_TICKET_STATUS_ANY = 0, /* only as a filter of parley_ticket_list */
  PARLEY_TICKET_STATUS_OPEN = 1,
  PARLEY_TICKET_STATUS_PENDING = 2,
  PARLEY_TICKET_STATUS_SOLVED = 3,
  PARLEY_TICKET_STATUS_CLOSED = 4
} parley_ticket_status;

typedef enum parley_ticket_priority {
  PARLEY_TICKET_PRIORITY_LOW = 1,
  PARLEY_TICKET_PRIORITY_NORMAL = 2,
  PARLEY_TICKET_PRIORITY_HIGH = 3,
  PARLEY_TICKET_PRIORITY_URGENT = 4
} parley_ticket_priority;

/* What a new ticket says. Owner: the caller (parley_ticket_draft_free); parley_ticket_create
 * only reads it, so one draft may be reused. */
typedef struct parley_ticket_draft parley_ticket_draft;

PARLEY_API parley_status parley_ticket_draft_new(parley_ticket_draft **out) PARLEY_NOEXCEPT;
PARLEY_API void parley_ticket_draft_free(parley_ticket_draft *draft) PARLEY_NOEXCEPT;
/* Required, non-blank; at most 512 bytes (or the server's limit). */
PARLEY_API parley_status parley_ticket_draft_set_subject(parley_ticket_draft *draft,
                                                         const char *subject,
                                                         size_t subject_len) PARLEY_NOEXCEPT;
PARLEY_API parley_status parley_ticket_draft_set_description(parley_ticket_draft *draft,
                                                             const char *description,
                                                             size_t description_len)
    PARLEY_NOEXCEPT;
/* Default PARLEY_TICKET_PRIORITY_NORMAL. */
PARLEY_API parley_status parley_ticket_draft_set_priority(parley_ticket_draft *draft,
                                                          parley_ticket_priority priority)
    PARLEY_NOEXCEPT;
PARLEY_API parley_status parley_ticket_draft_set_category(parley_ticket_draft *draft,
                                                          const char *category,
                                                          size_t category_len) PARLEY_NOEXCEPT;
/* Sets a custom field of the server's ticket schema (parley_ticket_load_schema) to a value,
 * given as text whatever the field's type ("42", "true", one of a choice's options). Setting
 * a key again replaces its value. Checked against the schema by parley_ticket_create. */
PARLEY_API parley_status parley_ticket_draft_set_field(parley_ticket_draft *draft,
                                                       const char *key, size_t key_len,
                                                       const char *value,
                                                       size_t value_len) PARLEY_NOEXCEPT;
/* Adds a file uploaded with parley_attachment_upload (its attachment id) to the ticket, as a
 * screenshot of the problem; at most 10. */
PARLEY_API parley_status parley_ticket_draft_add_attachment(parley_ticket_draft *draft,
                                                            const char *attachment_id,
                                                            size_t attachment_id_len)
    PARLEY_NOEXCEPT;
/* Adds a file from the device to the ticket (content_type empty: guessed from the name), sent
 * as parley_chat_send_with_files sends its files; at most 10, and not with
 * parley_ticket_draft_add_attachment. Checked by parley_ticket_create. */
PARLEY_API parley_status parley_ticket_draft_add_file(parley_ticket_draft *draft, const char *path,
                                                      size_t path_len, const char *content_type,
                                                      size_t content_type_len) PARLEY_NOEXCEPT;
/* Adds a metadata entry for agents (key: 1-64 of [A-Za-z0-9_.-]; value: at most 256 bytes).
 * The SDK fills in sdk, app, app_version, platform, os, device and locale by itself; an entry
 * set here with one of those keys replaces the SDK's. */
PARLEY_API parley_status parley_ticket_draft_set_metadata(parley_ticket_draft *draft,
                                                          const char *key, size_t key_len,
                                                          const char *value,
                                                          size_t value_len) PARLEY_NOEXCEPT;

/* Opens a ticket (users). Outbox and exactly-once as parley_chat_send.
 * Reply: PARLEY_EVENT_TICKET_CREATED. out_client_id as in parley_chat_send. */
PARLEY_API parley_status parley_ticket_create(parley_client *client,
                                              const parley_ticket_draft *draft, uint64_t tag,
                                              char *out_client_id) PARLEY_NOEXCEPT;

/* Lists tickets, newest first (a user sees their own), optionally only those with one status
 * (PARLEY_TICKET_STATUS_ANY = all). Reply: PARLEY_EVENT_TICKETS_LISTED. */
PARLEY_API parley_status parley_ticket_list(parley_client *client, parley_ticket_status status,
                                            uint64_t tag) PARLEY_NOEXCEPT;

/* A page of tickets, newest first: status (ANY = all), category (optional), before_ticket_id
 * (optional: the page older than that ticket; pass the last id of the previous page), limit
 * 1..100 or 0 for 50. Reply: PARLEY_EVENT_TICKETS_LISTED ("has_more": an older page exists). */
PARLEY_API parley_status parley_ticket_list_page(parley_client *client,
                                                 parley_ticket_status status,
                                                 const char *category, size_t category_len,
                                                 const char *before_ticket_id,
                                                 size_t before_ticket_id_len, int32_t limit,
                                                 uint64_t tag) PARLEY_NOEXCEPT;

/* The tickets the device holds (from lists, loads and events), newest first; offline too.
 * *out_json receives {"tickets":[Ticket...]}, owned by the caller (parley_free). */
PARLEY_API parley_status parley_ticket_cached(parley_client *client, char **out_json,
                                              size_t *out_len) PARLEY_NOEXCEPT;

/* The server's ticket schema (categories and custom fields, for the ticket form).
 * Reply: PARLEY_EVENT_TICKET_SCHEMA_LOADED. The client also fetches it on each connection
 * and reports a change with a PARLEY_EVENT_TICKET_SCHEMA_LOADED of tag 0. */
PARLEY_API parley_status parley_ticket_load_schema(parley_client *client,
                                                   uint64_t tag) PARLEY_NOEXCEPT;
/* The schema as the device last saw it ({"categories":[...],"fields":[...]}; empty lists
 * before the first connection), owned by the caller (parley_free). */
PARLEY_API parley_status parley_ticket_cached_schema(parley_client *client, char **out_json,
                                                     size_t *out_len) PARLEY_NOEXCEPT;

/* The ticket's user closes it (help no longer needed; from any status), reopens a solved or
 * closed one, or rates one that is solved or closed (score 1..5; comment optional; a later
 * rating replaces it). Outbox and exactly-once as parley_chat_send.
 * Reply: PARLEY_EVENT_TICKET_CHANGED. out_client_id as in parley_chat_send. */
PARLEY_API parley_status parley_ticket_close(parley_client *client, const char *ticket_id,
                                             size_t ticket_id_len, uint64_t tag,
                                             char *out_client_id) PARLEY_NOEXCEPT;
PARLEY_API parley_status parley_ticket_reopen(parley_client *client, const char *ticket_id,
                                              size_t ticket_id_len, uint64_t tag,
                                              char *out_client_id) PARLEY_NOEXCEPT;
PARLEY_API parley_status parley_ticket_rate(parley_client *client, const char *ticket_id,
                                            size_t ticket_id_len, int32_t score,
                                            const char *comment, size_t comment_len,
                                            uint64_t tag, char *out_client_id) PARLEY_NOEXCEPT;

/* Loads a ticket and its comments. Reply: PARLEY_EVENT_TICKET_LOADED. */
PARLEY_API parley_status parley_ticket_get(parley_client *client, const char *ticket_id,
                                           size_t ticket_id_len, uint64_t tag) PARLEY_NOEXCEPT;

/* Comments on a ticket (users and agents). Outbox and exactly-once as parley_chat_send.
 * Reply: PARLEY_EVENT_COMMENT_ADDED. out_client_id as in parley_chat_send. */
PARLEY_API parley_status parley_ticket_add_comment(parley_client *client, const char *ticket_id,
                                                   size_t ticket_id_len, const char *text,
                                                   size_t text_len, uint64_t tag,
                                                   char *out_client_id) PARLEY_NOEXCEPT;

/* ---------------------------------------------------------------------------------------- */
/* Attachments                                                                               */
/* ---------------------------------------------------------------------------------------- */

/* Uploads a file over HTTP in pieces, off the caller's thread; after a dropped link it asks
 * the server how much arrived and goes on from there. content_type: one the server announced
 * (empty: guessed from the name); name: empty = the file's name. Checked at once (readable,
 * type, size). out_upload_id (optional): PARLEY_CLIENT_ID_SIZE bytes. Events with `tag`:
 * PARLEY_EVENT_ATTACHMENT_PROGRESS, then PARLEY_EVENT_ATTACHMENT_UPLOADED (PARLEY_E_CLOSED
 * when cancelled, PARLEY_E_DISCONNECTED when the link stayed down). */
PARLEY_API parley_status parley_attachment_upload(parley_client *client, const char *file_path,
                                                  size_t file_path_len, const char *content_type,
                                                  size_t content_type_len, const char *name,
                                                  size_t name_len, uint64_t tag,
                                                  char *out_upload_id) PARLEY_NOEXCEPT;
/* PARLEY_OK, or PARLEY_E_NOT_FOUND when no such upload is waiting or running. */
PARLEY_API parley_status parley_attachment_cancel(parley_client *client, const char *upload_id,
                                                  size_t upload_id_len) PARLEY_NOEXCEPT;
/* The file of an attachment, kept on the device once downloaded (until a
 * PARLEY_EVENT_RESYNCED; with a store in memory, until parley_client_free).
 * Reply: PARLEY_EVENT_ATTACHMENT_DOWNLOADED with its "path". */
PARLEY_API parley_status parley_attachment_download(parley_client *client,
                                                    const char *attachment_id,
                                                    size_t attachment_id_len,
                                                    uint64_t tag) PARLEY_NOEXCEPT;
/* parley_chat_send and parley_ticket_add_comment with uploaded files: `ids` holds `count`
 * (at most 10) NUL-terminated attachment ids. */
PARLEY_API parley_status parley_chat_send_with_attachments(
    parley_client *client, const char *text, size_t text_len, const char *conversation,
    size_t conversation_len, const char *const *ids, size_t count, uint64_t tag,
    char *out_client_id) PARLEY_NOEXCEPT;
PARLEY_API parley_status parley_ticket_add_comment_with_attachments(
    parley_client *client, const char *ticket_id, size_t ticket_id_len, const char *text,
    size_t text_len, const char *const *ids, size_t count, uint64_t tag,
    char *out_client_id) PARLEY_NOEXCEPT;
/* parley_chat_send and parley_ticket_add_comment with files from the device: `paths` holds
 * `count` (1-10) NUL-terminated paths; `content_types` is NULL or holds a type for each (NULL
 * or "" = guessed from the name). Checked at once (readable, the server's types and size); a
 * message with files may have empty text. Each file is copied beside the store before the
 * call returns (the app may delete its own), and the write waits in the outbox (offline, and
 * across restarts of the app) while they upload; then it goes out with them. Events with
 * `tag` and the write's "client_id": PARLEY_EVENT_ATTACHMENT_PROGRESS and _UPLOADED for each
 * file, then the write's reply. A file the server refuses for good fails the write (its
 * reply carries that error; parley_chat_retry / parley_chat_cancel); a lost link only
 * pauses the uploads. */
PARLEY_API parley_status parley_chat_send_with_files(
    parley_client *client, const char *text, size_t text_len, const char *conversation,
    size_t conversation_len, const char *const *paths, const char *const *content_types,
    size_t count, uint64_t tag, char *out_client_id) PARLEY_NOEXCEPT;
PARLEY_API parley_status parley_ticket_add_comment_with_files(
    parley_client *client, const char *ticket_id, size_t ticket_id_len, const char *text,
    size_t text_len, const char *const *paths, const char *const *content_types, size_t count,
    uint64_t tag, char *out_client_id) PARLEY_NOEXCEPT;

/* ---------------------------------------------------------------------------------------- */
/* FAQ (help center)                                                                         */
/* ---------------------------------------------------------------------------------------- */

/* Fetches what changed in the catalogue since the last sync and stores it on the device.
 * Reply: PARLEY_EVENT_FAQ_SYNCED. Once synced, the client follows the server's catalogue
 * changes by itself, reporting each with a PARLEY_EVENT_FAQ_SYNCED of tag 0. */
PARLEY_API parley_status parley_faq_sync(parley_client *client, uint64_t tag) PARLEY_NOEXCEPT;

/* Searches the articles on the device (works offline; search-as-you-type: the last word also
 * matches as a prefix). locale (optional) restricts the hits; limit: 1..50, or 0 for 10.
 * Reply: PARLEY_EVENT_FAQ_RESULTS. */
PARLEY_API parley_status parley_faq_search(parley_client *client, const char *query,
                                           size_t query_len, const char *locale,
                                           size_t locale_len, int32_t limit,
                                           uint64_t tag) PARLEY_NOEXCEPT;

/* Articles that may answer what the user is writing in a ticket or chat composer (call it as
 * they type), from the device, offline too. Only articles that answer a fair share of the
 * text are given: a text that says little gets none. limit: 1..50, or 0 for 3.
 * Reply: PARLEY_EVENT_FAQ_RESULTS. */
PARLEY_API parley_status parley_faq_suggest(parley_client *client, const char *text,
                                            size_t text_len, const char *locale,
                                            size_t locale_len, int32_t limit,
                                            uint64_t tag) PARLEY_NOEXCEPT;

/* Records whether an article answered the user (users only; helpful: 1 yes, 0 no). Outbox and
 * exactly-once as parley_chat_send; the latest vote on an article counts.
 * Reply: PARLEY_EVENT_ARTICLE_RATED. out_client_id as in parley_chat_send. */
PARLEY_API parley_status parley_faq_rate_article(parley_client *client, const char *article_id,
                                                 size_t article_id_len, int32_t helpful,
                                                 uint64_t tag, char *out_client_id) PARLEY_NOEXCEPT;

/* ---------------------------------------------------------------------------------------- */
/* Agents (a client whose token has kind "agent"); experimental                              */
/* ---------------------------------------------------------------------------------------- */

/* Replies in a user's conversation. Outbox and exactly-once as parley_chat_send.
 * Reply: PARLEY_EVENT_MESSAGE_SENT. out_client_id as in parley_chat_send. */
PARLEY_EXPERIMENTAL_API parley_status parley_agent_reply(parley_client *client,
                                                         const char *conversation,
                                                         size_t conversation_len,
                                                         const char *text, size_t text_len,
                                                         uint64_t tag,
                                                         char *out_client_id) PARLEY_NOEXCEPT;

/* parley_agent_reply with files from the device, as parley_chat_send_with_files sends them
 * (text may then be empty). */
PARLEY_EXPERIMENTAL_API parley_status parley_agent_reply_with_files(
    parley_client *client, const char *conversation, size_t conversation_len, const char *text,
    size_t text_len, const char *const *paths, const char *const *content_types, size_t count,
    uint64_t tag, char *out_client_id) PARLEY_NOEXCEPT;

/* Moves a ticket to a status (not PARLEY_TICKET_STATUS_ANY). The server allows
 * open<->pending, open/pending->solved, open/pending/solved->closed, solved/closed->open;
 * others fail with PARLEY_E_CONFLICT. Reply: PARLEY_EVENT_TICKET_STATUS_SET. */
PARLEY_EXPERIMENTAL_API parley_status parley_agent_set_ticket_status(parley_client *client,
                                                                     const char *ticket_id,
                                                                     size_t ticket_id_len,
                                                                     parley_ticket_status status,
                                                                     uint64_t tag)
    PARLEY_NOEXCEPT;

/* Sets a ticket's priority, or assigns it to this agent. Outbox and exactly-once as
 * parley_chat_send. Reply: PARLEY_EVENT_TICKET_CHANGED. */
PARLEY_EXPERIMENTAL_API parley_status parley_agent_set_ticket_priority(
    parley_client *client, const char *ticket_id, size_t ticket_id_len,
    parley_ticket_priority priority, uint64_t tag, char *out_client_id) PARLEY_NOEXCEPT;
PARLEY_EXPERIMENTAL_API parley_status parley_agent_take_ticket(parley_client *client,
                                                               const char *ticket_id,
                                                               size_t ticket_id_len,
                                                               uint64_t tag,
                                                               char *out_client_id)
    PARLEY_NOEXCEPT;

/* Loads the open conversations and tickets. Reply: PARLEY_EVENT_AGENT_QUEUE_LOADED. */
PARLEY_EXPERIMENTAL_API parley_status parley_agent_queue(parley_client *client,
                                                         uint64_t tag) PARLEY_NOEXCEPT;

/* Assigns the conversation to this agent (the user is told: PARLEY_EVENT_CONVERSATION_UPDATED
 * with "change": "assigned"). Reply: PARLEY_EVENT_CONVERSATION_TAKEN. */
PARLEY_EXPERIMENTAL_API parley_status parley_agent_take(parley_client *client,
                                                        const char *conversation,
                                                        size_t conversation_len,
                                                        uint64_t tag) PARLEY_NOEXCEPT;

#endif /* PARLEY_PARLEY_H */
