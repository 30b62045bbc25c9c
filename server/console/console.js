// Parley agent console: one WebSocket to the parley-server that serves this page (wire
// protocol: docs/protocol.md), plain modern JavaScript, no build step, no dependencies.
// The console keeps no copy of anything: after each (re)connection it loads what it shows
// afresh and then follows the live events (hello with live_only).

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = 'parley.console.token';
const REQUEST_TIMEOUT_MS = 15000;
const RECONNECT_BASE_MS = 250;
const RECONNECT_CAP_MS = 30000;
const TICKET_PAGE = 50;
const STATUSES = ['open', 'pending', 'solved', 'closed'];
const PRIORITIES = ['low', 'normal', 'high', 'urgent'];

// --- The link ----------------------------------------------------------------------------

class ProtocolError extends Error {
  constructor(error) {
    super(error.message || error.code);
    this.code = error.code;
  }
}

// One WebSocket session: requests with promised replies, events to `onEvent`, liveness by
// heartbeat, reconnection with full-jitter backoff while wanted.
class Link {
  constructor(token, handlers) {
    this.token = token;
    this.handlers = handlers;
    this.pending = new Map();
    this.nextId = 0;
    this.failures = 0;
    this.wanted = true;
  }

  open() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${scheme}//${location.host}/v1`, 'parley.v1');
    this.ws = ws;
    this.handlers.onState('connecting');
    ws.onopen = () => this.sayHello();
    ws.onmessage = (message) => this.onFrame(message.data);
    ws.onclose = () => this.onClose(ws);
  }

  async sayHello() {
    try {
      const welcome = await this.request('hello', {
        token: this.token, live_only: true, sdk: 'parley-console/1', platform: 'web',
        locale: navigator.language || '',
      });
      this.failures = 0;
      this.watch(welcome.heartbeat_ms);
      this.handlers.onState('connected');
      this.handlers.onWelcome(welcome);
    } catch (e) {
      if (['unauthorized', 'token_expired', 'forbidden'].includes(e.code)) {
        this.close();
        this.handlers.onSignedOut(e.message);
      } else {
        this.ws.close();  // try again later
      }
    }
  }

  // Something must arrive every two heartbeats; a ping request makes sure something can.
  watch(heartbeatMs) {
    clearInterval(this.timer);
    this.lastHeard = Date.now();
    this.timer = setInterval(() => {
      if (Date.now() - this.lastHeard > 2 * heartbeatMs) {
        this.ws.close();
        return;
      }
      this.request('ping').catch(() => {});
    }, heartbeatMs);
  }

  request(op, args = {}) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) {
      return Promise.reject(new ProtocolError({code: 'disconnected', message: 'not connected'}));
    }
    const id = String(++this.nextId);
    this.ws.send(JSON.stringify({type: 'req', id, op, args}));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ProtocolError({code: 'timeout', message: `${op}: no reply`}));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(id, {resolve, reject, timer});
    });
  }

  onFrame(text) {
    this.lastHeard = Date.now();
    let frame;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (frame.type === 'event') {
      this.handlers.onEvent(frame);
      return;
    }
    const waiting = frame.id != null && this.pending.get(frame.id);
    if (!waiting) {
      if (frame.type === 'err') this.handlers.onProblem(frame.error.message);
      return;
    }
    this.pending.delete(frame.id);
    clearTimeout(waiting.timer);
    if (frame.type === 'res') waiting.resolve(frame.result);
    else waiting.reject(new ProtocolError(frame.error));
  }

  onClose(ws) {
    if (ws !== this.ws) return;
    clearInterval(this.timer);
    for (const [, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(new ProtocolError({code: 'disconnected', message: 'the link was lost'}));
    }
    this.pending.clear();
    if (!this.wanted) return;
    this.handlers.onState('offline');
    const ceiling = Math.min(RECONNECT_CAP_MS, RECONNECT_BASE_MS * 2 ** this.failures++);
    setTimeout(() => this.wanted && this.open(), Math.random() * ceiling);
  }

  close() {
    this.wanted = false;
    clearInterval(this.timer);
    if (this.ws) this.ws.close();
  }
}

// --- What is on screen ---------------------------------------------------------------------

const view = {
  me: null,
  conversations: new Map(),  // id -> Conversation
  tickets: new Map(),        // id -> Ticket
  ticketsHaveMore: false,
  selected: null,            // {kind: 'ticket' | 'conversation', id}
  thread: [],                // the comments or messages of the selected item, oldest first
};
let link = null;

function clientId() {
  if (crypto.randomUUID) return `console-${crypto.randomUUID()}`;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `console-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (value !== false && value != null) node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child != null) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const when = (ms) => (ms ? new Date(ms).toLocaleString() : '');
const badge = (text) => el('span', {class: `badge ${text}`}, text);
const stars = (score) => '★'.repeat(score) + '☆'.repeat(5 - score);

function toast(message) {
  const box = $('toast');
  box.textContent = message;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 5000);
}

// Runs a request; a refusal is shown, not thrown.
async function act(op, args) {
  try {
    return await link.request(op, args);
  } catch (e) {
    toast(`${op}: ${e.code || 'error'} — ${e.message}`);
    return null;
  }
}

function ticketStatuses() {
  return $('show-done').checked ? STATUSES : ['open', 'pending'];
}

// --- Loading ---------------------------------------------------------------------------------

async function loadEverything() {
  const [conversations, tickets] = await Promise.all([
    act('chat.conversations'),
    act('ticket.list', {status: ticketStatuses(), limit: TICKET_PAGE}),
  ]);
  view.conversations = new Map((conversations?.conversations || []).map((c) => [c.id, c]));
  view.tickets = new Map((tickets?.tickets || []).map((t) => [t.id, t]));
  view.ticketsHaveMore = Boolean(tickets?.has_more);
  renderQueue();
  if (view.selected) await open(view.selected.kind, view.selected.id);
}

async function loadOlderTickets() {
  const ids = [...view.tickets.keys()];
  const page = await act('ticket.list', {status: ticketStatuses(), limit: TICKET_PAGE, before: ids[ids.length - 1]});
  if (!page) return;
  for (const t of page.tickets) view.tickets.set(t.id, t);
  view.ticketsHaveMore = page.has_more;
  renderQueue();
}

async function open(kind, id) {
  view.selected = {kind, id};
  view.thread = [];
  renderQueue();
  if (kind === 'ticket') {
    const loaded = await act('ticket.get', {ticket_id: id});
    if (!loaded) return;
    view.tickets.set(id, loaded.ticket);
    view.thread = loaded.comments;
  } else {
    const history = await act('chat.history', {conversation_id: id, limit: 100});
    if (!history) return;
    view.thread = history.messages;
  }
  renderQueue();
  renderDetail();
}

// --- Live events -----------------------------------------------------------------------------

function addToThread(item) {
  const at = view.thread.findIndex((known) => known.id === item.id);
  if (at >= 0) view.thread[at] = item;
  else view.thread.push(item);
}

function isSelected(kind, id) {
  return view.selected && view.selected.kind === kind && view.selected.id === id;
}

function onEvent(event) {
  const data = event.data || {};
  switch (event.name) {
    case 'ticket.updated':
      view.tickets.set(data.ticket.id, data.ticket);
      if (isSelected('ticket', data.ticket.id)) renderDetail();
      break;
    case 'ticket.comment':
      if (isSelected('ticket', data.comment.ticket_id)) {
        addToThread(data.comment);
        renderDetail();
      }
      break;
    case 'message.new':
    case 'message.updated': {
      const message = data.message;
      const conversation = view.conversations.get(message.conversation_id);
      if (conversation) conversation.last_message = message;
      else act('chat.conversations').then((r) => {
        if (!r) return;
        view.conversations = new Map(r.conversations.map((c) => [c.id, c]));
        renderQueue();
      });
      if (isSelected('conversation', message.conversation_id)) {
        addToThread(message);
        renderDetail();
      }
      break;
    }
    case 'conversation.updated': {
      // The server tells only the waiting users that they moved up; here it is worked out.
      const left = view.conversations.get(data.conversation.id)?.queue_position;
      if (left && !data.conversation.queue_position) {
        for (const c of view.conversations.values()) {
          if (c.queue_position > left) c.queue_position -= 1;
        }
      }
      view.conversations.set(data.conversation.id, data.conversation);
      if (isSelected('conversation', data.conversation.id)) renderDetail();
      break;
    }
    default:
      return;  // faq.changed and events of later versions: nothing on screen shows them
  }
  renderQueue();
}

// --- Rendering -------------------------------------------------------------------------------

function renderQueue() {
  // Those waiting for a person first, in queue order; then the rest, latest activity first.
  const activity = (c) => c.last_message?.created_at || c.updated_at;
  const conversations = [...view.conversations.values()]
      .filter((c) => c.status === 'open')
      .sort((a, b) => (a.queue_position || Infinity) - (b.queue_position || Infinity) ||
                      activity(b) - activity(a));
  $('conversations').replaceChildren(...conversations.map((c) => el('li', {
    'data-id': c.id, class: isSelected('conversation', c.id) ? 'selected' : '',
    onclick: () => open('conversation', c.id),
  }, el('span', {class: 'title'}, c.last_message ? c.last_message.text : '(no messages)'),
     el('span', {class: 'meta'}, c.queue_position ? badge(`waiting #${c.queue_position}`) : null,
        `${c.user_id} · ${c.assignee ? c.assignee.name : 'unassigned'}`))));

  const tickets = [...view.tickets.values()].sort((a, b) => ticketNumber(b) - ticketNumber(a));
  $('tickets').replaceChildren(...tickets.map((t) => el('li', {
    'data-id': t.id, class: isSelected('ticket', t.id) ? 'selected' : '',
    onclick: () => open('ticket', t.id),
  }, el('span', {class: 'title'}, t.subject),
     el('span', {class: 'meta'}, badge(t.status), badge(t.priority),
        t.rating ? `${stars(t.rating.score)} ` : '', `${t.user_id} · ${when(t.updated_at)}`))));
  if (!conversations.length) $('conversations').append(el('li', {class: 'none'}, 'No open conversations.'));
  if (!tickets.length) $('tickets').append(el('li', {class: 'none'}, 'No tickets here.'));
  $('more-tickets').hidden = !view.ticketsHaveMore;
}

function ticketNumber(t) {
  return Number(t.id.replace(/^\D+/, '')) || 0;
}

function facts(entries) {
  return el('dl', {class: 'facts'}, Object.entries(entries).flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

function select(id, options, current, onchange) {
  return el('select', {id, onchange: (e) => onchange(e.target.value)},
            options.map((o) => el('option', {value: o, selected: o === current}, o)));
}

// --- Attachments (docs/protocol.md, "Attachments": HTTP beside the WebSocket) --------------

const PIECE_BYTES = 512 * 1024;

async function http(method, path, body, contentType) {
  const headers = {Authorization: `Bearer ${link.token}`};
  if (contentType) headers['Content-Type'] = contentType;
  const response = await fetch(path, {method, headers, body});
  const json = response.headers.get('content-type')?.startsWith('application/json') ? await response.json() : null;
  return {status: response.status, json, response};
}

// Uploads a file in pieces (resuming from the server's count if a piece fails once) and
// returns its attachment id; progress goes to `onProgress(fraction)`.
async function upload(file, onProgress) {
  const made = await http('POST', '/v1/attachments',
                          JSON.stringify({name: file.name, content_type: file.type || 'application/octet-stream', size: file.size}),
                          'application/json');
  if (made.status !== 201) throw new Error(made.json?.error?.message || `upload refused (${made.status})`);
  let attachment = made.json.attachment;
  let retried = false;
  while (!attachment.complete) {
    const piece = file.slice(attachment.received, attachment.received + PIECE_BYTES);
    let answer;
    try {
      answer = await http('PUT', `/v1/attachments/${attachment.id}?offset=${attachment.received}`,
                          await piece.arrayBuffer(), 'application/octet-stream');
    } catch (e) {
      if (retried) throw e;
      retried = true;
      answer = await http('GET', `/v1/attachments/${attachment.id}/status`);
    }
    if (!answer.json?.attachment) throw new Error(answer.json?.error?.message || `upload failed (${answer.status})`);
    attachment = answer.json.attachment;
    onProgress(attachment.received / attachment.size);
  }
  return attachment.id;
}

async function openAttachment(a) {
  const answer = await http('GET', `/v1/attachments/${a.id}`);
  if (answer.status !== 200) {
    toast(`${a.name}: ${answer.json?.error?.message || answer.status}`);
    return;
  }
  const url = URL.createObjectURL(await answer.response.blob());
  const save = el('a', {href: url, download: a.name});
  document.body.append(save);
  save.click();
  save.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

function attachmentLinks(item) {
  if (!item.attachments?.length) return null;
  return el('div', {class: 'attachments'}, item.attachments.map((a) => el('button', {
    type: 'button', class: 'attachment', 'data-attachment': a.id, onclick: () => openAttachment(a),
  }, `↓ ${a.name} (${Math.ceil(a.size / 1024)} KB)`)));
}

function composer(placeholder, send) {
  const text = el('textarea', {id: 'reply-text', rows: 3, placeholder});
  const files = el('input', {type: 'file', id: 'reply-files', multiple: true});
  const status = el('span', {id: 'reply-status', class: 'meta'});
  const submit = async () => {
    const value = text.value.trim();
    if (!value) return;
    text.disabled = true;
    try {
      const ids = [];
      for (const file of files.files) {
        ids.push(await upload(file, (done) => { status.textContent = `${file.name}: ${Math.round(done * 100)}%`; }));
      }
      if (await send(value, ids)) {
        text.value = '';
        files.value = '';
      }
    } catch (e) {
      toast(e.message);
    }
    status.textContent = '';
    text.disabled = false;
    text.focus();
  };
  text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
  });
  return el('div', {class: 'composer'}, text,
            el('div', {class: 'actions'}, el('button', {id: 'reply-send', class: 'primary', onclick: submit}, 'Reply'),
               el('label', {}, 'Attach ', files), status));
}

function thread(items) {
  return el('ul', {class: 'thread', id: 'thread'}, items.map((item) => el('li', {
    'data-id': item.id, class: item.author.kind === 'agent' ? 'mine' : '',
  }, el('div', {class: 'who'}, `${item.author.name} (${item.author.kind}) · ${when(item.created_at)}`),
     el('div', {class: 'text'}, item.deleted ? '(deleted)' : item.text),
     attachmentLinks(item))));
}

function renderTicket(t) {
  const mine = t.assignee && view.me && t.assignee.id === view.me.id;
  const rating = t.rating
      ? el('div', {class: 'csat', id: 'csat'}, `Customer rating: ${stars(t.rating.score)} ${t.rating.score}/5`,
           t.rating.comment ? ` — “${t.rating.comment}”` : '')
      : el('div', {class: 'csat', id: 'csat', hidden: true});
  return [
    el('h3', {}, t.subject),
    el('div', {}, badge(t.status), badge(t.priority), t.category ? badge(t.category) : null, ` ${t.id}`),
    el('div', {class: 'actions'},
       el('button', {id: 'take', disabled: mine, onclick: () => act('ticket.take', {ticket_id: t.id})},
          mine ? 'Yours' : t.assignee ? `Take over from ${t.assignee.name}` : 'Take'),
       el('label', {}, 'Status ', select('status-select', STATUSES, t.status,
          (status) => act('ticket.set_status', {ticket_id: t.id, status}).then(() => renderDetail()))),
       el('label', {}, 'Priority ', select('priority-select', PRIORITIES, t.priority,
          (priority) => act('ticket.set_priority', {ticket_id: t.id, priority})))),
    rating,
    facts({User: t.user_id, Opened: when(t.created_at), Updated: when(t.updated_at),
           Assignee: t.assignee ? t.assignee.name : '—'}),
    el('p', {class: 'description'}, t.description),
    attachmentLinks(t),
    Object.keys(t.fields || {}).length ? [el('h2', {}, 'Fields'), facts(t.fields)] : null,
    Object.keys(t.metadata || {}).length ? [el('h2', {}, 'Device and app'), facts(t.metadata)] : null,
    el('h2', {}, 'Comments'),
    thread(view.thread),
    t.status === 'closed'
        ? el('p', {class: 'empty'}, 'Closed: reopen it to comment.')
        : composer('Reply to the user…', async (text, attachments) => Boolean(
              await act('ticket.comment', {client_id: clientId(), ticket_id: t.id, text, attachments}))),
  ];
}

function renderConversation(c) {
  const mine = c.assignee && view.me && c.assignee.id === view.me.id;
  return [
    el('h3', {}, `Conversation with ${c.user_id}`),
    el('div', {}, badge(c.status), ` ${c.id}`),
    el('div', {class: 'actions'},
       el('button', {id: 'take', disabled: mine, onclick: () => act('agent.take', {conversation_id: c.id})},
          mine ? 'Yours' : c.assignee ? `Take over from ${c.assignee.name}` : 'Take')),
    thread(view.thread),
    composer('Reply in the chat…', async (text, attachments) => Boolean(
        await act('agent.reply', {client_id: clientId(), conversation_id: c.id, text, attachments}))),
  ];
}

function renderDetail() {
  const pane = $('detail');
  const selected = view.selected;
  const item = selected && (selected.kind === 'ticket' ? view.tickets.get(selected.id)
                                                      : view.conversations.get(selected.id));
  if (!item) {
    pane.replaceChildren(el('p', {class: 'empty'}, 'Pick a conversation or a ticket.'));
    return;
  }
  // Keep a half-written reply across re-renders caused by live events.
  const draft = $('reply-text')?.value || '';
  pane.replaceChildren(...[selected.kind === 'ticket' ? renderTicket(item) : renderConversation(item)].flat(2)
      .filter((node) => node != null));
  if ($('reply-text')) $('reply-text').value = draft;
}

// --- Signing in and out --------------------------------------------------------------------

function start(token) {
  $('signin').hidden = true;
  $('app').hidden = false;
  link = new Link(token, {
    onState: (state) => {
      $('link').dataset.state = state;
      $('link').textContent = state;
    },
    onWelcome: (welcome) => {
      if (welcome.principal.kind !== 'agent') {
        link.close();
        signOut('This token is a user\'s: the console is for agents.');
        return;
      }
      view.me = welcome.principal;
      $('me').textContent = `${welcome.principal.name} (${welcome.principal.id})`;
      loadEverything();
    },
    onEvent,
    onProblem: toast,
    onSignedOut: (message) => signOut(message),
  });
  link.open();
}

function signOut(message = '') {
  if (link) link.close();
  link = null;
  sessionStorage.removeItem(TOKEN_KEY);
  view.selected = null;
  $('app').hidden = true;
  $('signin').hidden = false;
  $('signin-error').textContent = message;
}

$('signin-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const token = $('token').value.trim();
  if (!token) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  $('signin-error').textContent = '';
  start(token);
});
$('signout').addEventListener('click', () => signOut());
$('show-done').addEventListener('change', () => loadEverything());
$('more-tickets').addEventListener('click', loadOlderTickets);

const saved = sessionStorage.getItem(TOKEN_KEY);
if (saved) start(saved);
