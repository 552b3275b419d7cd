// The web client: one WebSocket speaking the line protocol's commands in, JSON events out.
import { Connection } from './connection.js';
import { InputLine } from './input.js';
import { Login } from './login.js';
import * as view from './view.js';

const LOBBY = 'lobby';
const MAX_LINES = 1000;           // per room; older lines are dropped from the page
const OLDER_PAGE = 50;            // lines asked for when scrolling up
const WHO_AFTER_JOIN_MS = 500;    // a join may bring an operator (a founder): the member list is asked again, once per burst
const WHO_AFTER_JOIN_MAX = 100;   // ...in rooms up to this size (bigger ones wait for the next time the room is shown)
// Commands that do not act on the room on screen: sent as they are, without making it the server's current room.
const ROOMLESS = new Set(['/join', '/nick', '/quit', '/ping', '/help', '/rooms', '/msg', '/json', '/timestamps',
  '/register', '/identify', '/passwd', '/unregister', '/away', '/ignore', '/unignore', '/whois', '/r', '/motd',
  '/kill', '/wall']);
// Commands that carry a password: never kept in the input line's history.
const SECRET = new Set(['/register', '/identify', '/passwd', '/unregister']);

const state = {
  nick: null,            // ours once the server has welcomed us
  wanted: null,          // the nick asked for (sent again after a reconnect)
  login: null,           // { account, password } while identified: to identify again after a reconnect (memory only)
  pendingLogin: null,    // the same, for a password sent and not yet answered
  rooms: new Map(),      // key (lower-case room name, or "@nick" for a private conversation) -> room
  current: LOBBY,        // the room on screen
  serverCurrent: null,   // the room the server takes as current (for /me, /topic, ...)
  quietCurrent: 0,       // "#x is now your current room" answers to our own switches, not shown
  quietWho: new Map(),   // room key -> member lists we asked for ourselves (not shown as lines)
  whoTimers: new Map(),  // room key -> the pending member list asked for after joins
  rejoin: [],            // rooms to join again after a reconnect
  older: null,           // the older page on its way: { key, token, items, more }
  pings: 0,              // tokens for our own pings
  welcomeNotes: [],      // lines from before the welcome (the login), shown once the chat is
};

const key = (name) => name.toLowerCase();
const same = (a, b) => a !== undefined && b !== undefined && a !== null && b !== null && a.toLowerCase() === b.toLowerCase();
const because = (reason) => (reason ? ` (${reason})` : '');

function room(name, pm = false) {
  const k = pm ? `@${name.toLowerCase()}` : key(name);
  let r = state.rooms.get(k);
  if (!r) {
    r = { key: k, name, label: pm ? `@${name}` : `#${name}`, pm, lines: [], members: new Set(), ops: new Set(),
      unread: 0, mentioned: false, topic: null, topicBy: null, lastTs: null, oldestId: null, olderGone: false };
    state.rooms.set(k, r);
    drawRooms();
  }
  return r;
}

function mentions(text) {
  if (!state.nick) return false;
  const nick = state.nick.replace(/[-]/g, '\\-');
  return new RegExp(`(^|[^A-Za-z0-9_-])${nick}($|[^A-Za-z0-9_-])`, 'i').test(text);
}

function drawRooms() {
  view.renderRooms(state.rooms, state.current, select);
}

function drawOlder() {
  view.renderOlder(state.rooms.get(state.current), state.older !== null);
}

function select(k) {
  state.current = k;
  const r = state.rooms.get(k);
  if (r) {
    r.unread = 0;
    r.mentioned = false;
  }
  drawRooms();
  view.renderMessages(r ?? { lines: [] });
  view.renderMembers(r);
  view.renderTopic(r);
  drawOlder();
  document.getElementById('input').focus();
}

/** Adds a line to a room: live lines at the end, history in its place by id. */
function add(r, item, history = false) {
  const mine = item.nick !== undefined && same(item.nick, state.nick);
  item.mention = (item.kind === 'message' || item.kind === 'action') && !mine && mentions(item.text);
  const li = view.line(item, mine);
  const visible = r.key === state.current;
  if (history && item.id !== undefined) {
    if (r.lines.some((l) => l.dataset.id === String(item.id))) return;
    if (r.oldestId === null || item.id < r.oldestId) r.oldestId = item.id;
    const before = r.lines.find((l) => l.dataset.id !== undefined && Number(l.dataset.id) > item.id);
    if (before) {
      r.lines.splice(r.lines.indexOf(before), 0, li);
      view.insertOlder(li, before, visible);
      return;
    }
  }
  if (item.id !== undefined && r.oldestId === null) r.oldestId = item.id;
  if (item.ts) r.lastTs = item.ts;
  r.lines.push(li);
  if (r.lines.length > MAX_LINES) r.lines.shift().remove();
  view.appendLine(li, visible);
  if (!visible && !history && item.kind !== 'system') {
    r.unread++;
    r.mentioned ||= item.mention || r.pm;
    drawRooms();
  }
}

/** A notice for whatever room is on screen. */
function notice(text, kind = 'system') {
  const r = state.rooms.get(state.current) ?? room(LOBBY);
  add(r, { kind, text });
}

function send(line) {
  if (!connection.send(line)) notice('not connected: the line was not sent', 'error');
}

/** Makes the room on screen the server's current room, for commands that act on it. */
function ensureCurrent() {
  const r = state.rooms.get(state.current);
  if (!r || r.pm || state.serverCurrent === r.key) return;
  state.quietCurrent++;
  send(`/join #${r.name}`);
  state.serverCurrent = r.key;
}

/** Asks for a room's members (and its operators) without showing the answer as a line. */
function askWho(r) {
  state.quietWho.set(r.key, (state.quietWho.get(r.key) ?? 0) + 1);
  send(`/who #${r.name}`);
}

/** Someone joined: a founder or an operator account is an operator without a mode line, so ask once the joins settle. */
function askWhoSoon(r) {
  if (r.key === LOBBY || r.members.size > WHO_AFTER_JOIN_MAX || state.whoTimers.has(r.key)) return;
  state.whoTimers.set(r.key, setTimeout(() => {
    state.whoTimers.delete(r.key);
    if (state.rooms.get(r.key) === r && connection.open) askWho(r);
  }, WHO_AFTER_JOIN_MS));
}

function drawMembersIfShown(r) {
  if (r.key === state.current) view.renderMembers(r);
}

function onWelcome(e) {
  state.nick = e.nick;
  state.wanted = e.nick;
  login.hide();
  const lobby = room(LOBBY);
  lobby.members.add(e.nick);
  state.serverCurrent = LOBBY;
  view.showChat();
  for (const text of state.welcomeNotes) add(lobby, { kind: 'system', text });
  state.welcomeNotes = [];
  add(lobby, { kind: 'system', text: e.text });
  askWho(lobby);
  for (const name of state.rejoin) send(`/join #${name}`);
  state.rejoin = [];
  select(state.rooms.has(state.current) ? state.current : LOBBY);
}

/** We are out of a room (left or kicked): it goes from the list, and the line says why where we land. */
function leave(r, text) {
  state.rooms.delete(r.key);
  state.serverCurrent = null;
  if (state.current === r.key) select(LOBBY);
  else drawRooms();
  notice(text);
}

function onRoomEvent(e) {
  const r = room(e.room);
  const self = same(e.nick, state.nick);
  switch (e.type) {
    case 'message':
    case 'action': {
      const item = { kind: e.type, nick: e.nick, text: e.text, ts: e.ts, id: e.id };
      if (e.history === true && state.older?.key === r.key) state.older.items.push(item);   // drawn as one page at its end
      else add(r, item, e.history === true);
      return;   // the members did not change
    }
    case 'join':
      r.members.add(e.nick);
      if (self) {
        state.serverCurrent = r.key;
        askWho(r);
        select(r.key);
      } else {
        askWhoSoon(r);
      }
      add(r, { kind: 'system', text: self ? `you joined #${e.room}` : `${e.nick} joined`, ts: e.ts });
      break;
    case 'part':
      r.members.delete(e.nick);
      r.ops.delete(key(e.nick));
      if (self) {
        leave(r, `you left #${e.room}`);
        return;
      }
      add(r, { kind: 'system', text: `${e.nick} left${because(e.reason)}`, ts: e.ts });
      break;
    case 'kick':
    case 'kill':
      r.members.delete(e.nick);
      r.ops.delete(key(e.nick));
      if (self && e.type === 'kick') {
        leave(r, `you were kicked from #${e.room} by ${e.by}${because(e.reason)}`);
        return;
      }
      add(r, { kind: 'system', ts: e.ts, text: e.type === 'kick'
        ? `${e.nick} was kicked by ${e.by}${because(e.reason)}`
        : `${e.nick} was removed from the server by ${e.by}${because(e.reason)}` });
      break;
    case 'nick':
      r.members.delete(e.old);
      r.members.add(e.nick);
      if (r.ops.delete(key(e.old))) r.ops.add(key(e.nick));
      if (same(e.old, state.nick)) state.nick = state.wanted = e.nick;
      add(r, { kind: 'system', text: `${e.old} is now ${e.nick}`, ts: e.ts });
      break;
    case 'topic':
      r.topic = e.text || null;
      r.topicBy = e.nick;
      if (r.key === state.current) view.renderTopic(r);
      add(r, { kind: 'system', ts: e.ts, text: e.text ? `${e.nick} set the topic: ${e.text}` : `${e.nick} cleared the topic` });
      break;
    case 'mode':
      if (e.mode === '+o' && e.target) r.ops.add(key(e.target));
      if (e.mode === '-o' && e.target) r.ops.delete(key(e.target));
      add(r, { kind: 'system', ts: e.ts, text: `${e.nick} sets mode ${e.mode}${e.target ? ` ${e.target}` : ''}` });
      break;
  }
  drawMembersIfShown(r);
}

/** The lines after which the server closes the session and coming back by itself would be wrong. */
function isFinal(e) {
  return (e.type === 'error' && (e.code === 'banned' || e.code === 'killed'))
    || (e.type === 'info' && e.code === 'logged-in-elsewhere');
}

/** Before the welcome: the login's answers go to the login form. */
function onLoginEvent(e) {
  if (e.type === 'info' && e.code === 'nick-registered') {
    login.askPassword(state.wanted ?? '');
  } else if (e.type === 'error' && (e.code === 'wrong-password' || e.code === 'password-invalid' || e.code === 'too-many-failed-logins')) {
    // Also after a reconnect, when the password kept no longer works: the form asks for it.
    state.login = state.pendingLogin = null;
    if (!login.registered) login.askPassword(state.wanted ?? '');
    if (e.code === 'too-many-failed-logins') login.locked(e.text);
    else login.refused(e.text);
  } else if (e.type === 'error') {
    login.show(e.text);
  } else if (e.type === 'account') {
    onAccount(e);
  }
  // Other info (the greeting, the nick prompt): the page has its own.
}

function onAccount(e) {
  if (e.event === 'identified' || e.event === 'registered' || e.event === 'passwd') {
    if (state.pendingLogin) state.login = { account: e.account, password: state.pendingLogin.password };
  } else if (e.event === 'unregistered') {
    state.login = null;
  }
  state.pendingLogin = null;
  if (state.nick) notice(e.text);
  else state.welcomeNotes.push(e.text);
}

/** The older page has all come (our ping after it answered): it goes above every line, in one piece; is there more before it? */
function olderDone() {
  const { key: k, items, more } = state.older;
  state.older = null;
  const r = state.rooms.get(k);
  if (r) {
    const shown = new Set(r.lines.map((l) => l.dataset.id));
    const lines = items.filter((item) => !shown.has(String(item.id))).map((item) => {
      item.mention = !same(item.nick, state.nick) && mentions(item.text);
      return view.line(item, same(item.nick, state.nick));
    });
    r.lines.unshift(...lines);
    view.prependLines(lines, r.key === state.current);
    for (const item of items) r.oldestId = Math.min(r.oldestId, item.id);
    if (!more && (items.length < OLDER_PAGE || r.oldestId <= 1)) reachedStart(r);
  }
  drawOlder();
}

/** Nothing older is kept: say so once, above the oldest line. */
function reachedStart(r) {
  if (r.olderGone) return;
  r.olderGone = true;
  const li = view.divider(`start of ${r.label}`);
  r.lines.unshift(li);
  view.prependLines([li], r.key === state.current);
  drawOlder();
}

function onInfo(e) {
  const t = e.text;
  if (state.older && (t.startsWith('older: ') || t.startsWith('no messages in '))) {
    state.older.more = t.startsWith('older: ');
    return;
  }
  if (state.quietCurrent > 0 && / is now your current room$/.test(t)) {
    state.quietCurrent--;
    return;
  }
  if (e.code === 'nick-registered') {
    notice(`${t} (or choose another nick)`);
    return;
  }
  notice(t);
}

function onEvent(e) {
  if (isFinal(e)) {
    connection.stayClosed(e.text);
    state.login = null;
  }
  if (!state.nick && e.type !== 'welcome') {
    onLoginEvent(e);
    return;
  }
  switch (e.type) {
    case 'welcome':
      onWelcome(e);
      return;
    case 'message': case 'action': case 'join': case 'part': case 'nick': case 'kick': case 'kill': case 'topic': case 'mode':
      onRoomEvent(e);
      return;
    case 'pm': {
      const other = same(e.from, state.nick) ? e.to : e.from;
      add(room(other, true), { kind: 'pm', nick: e.from, to: e.to, text: e.text, ts: e.ts });
      return;
    }
    case 'who': {
      const r = state.rooms.get(key(e.room));
      if (r) {
        if ((e.page ?? 1) === 1) {
          r.members.clear();
          r.ops.clear();
        }
        e.nicks.forEach((n) => r.members.add(n));
        (e.ops ?? []).forEach((n) => r.ops.add(key(n)));
        drawMembersIfShown(r);
      }
      const quiet = state.quietWho.get(key(e.room)) ?? 0;
      if (quiet > 0) {
        if (quiet === 1) state.quietWho.delete(key(e.room));
        else state.quietWho.set(key(e.room), quiet - 1);
        return;
      }
      const ops = new Set((e.ops ?? []).map(key));
      const nicks = e.nicks.map((n) => (ops.has(key(n)) ? `@${n}` : n));
      notice(`#${e.room}${e.pages ? ` (page ${e.page} of ${e.pages})` : ''}: ${nicks.join(' ')}`);
      return;
    }
    case 'rooms':
      notice(`rooms: ${e.rooms.map((r) => `#${r.name} (${r.users}${r.topic ? `: ${r.topic}` : ''})`).join(', ')}${e.pages ? ` (page ${e.page} of ${e.pages})` : ''}`);
      return;
    case 'pong':
      if (state.older?.token === e.token) olderDone();
      else notice(`pong ${e.token}`);
      return;
    case 'room_topic': {
      const r = state.rooms.get(key(e.room));
      if (r) {
        r.topic = e.text || null;
        r.topicBy = e.by;
        if (r.key === state.current) view.renderTopic(r);
      }
      const text = e.text ? `topic: ${e.text} (set by ${e.by})` : `#${e.room} has no topic`;
      if (r) add(r, { kind: 'system', text });
      else notice(`#${e.room} ${text}`);
      return;
    }
    case 'account':
      onAccount(e);
      return;
    case 'away':
      notice(`${e.nick} is away: ${e.text}`);
      return;
    case 'whois': {
      const ops = new Set(e.ops.map(key));
      const rooms = e.rooms.length ? e.rooms.map((r) => `${ops.has(key(r)) ? '@' : ''}#${r}`).join(' ') : 'none';
      notice(`whois ${e.nick}: ${e.account ? `identified as ${e.account}` : 'not identified'}; rooms: ${rooms}; `
        + `idle ${e.idle} s; connected ${e.connected} s ago over ${e.transport}${e.away !== null ? `; away: ${e.away}` : ''}`
        + `${e.operator ? '; server operator' : ''}`);
      return;
    }
    case 'wall':
      notice(`[wall] <${e.from}> ${e.text}`);
      return;
    case 'invite':
      notice(`${e.from} invites you to #${e.room}: /join #${e.room}`);
      return;
    case 'bans': {
      const where = e.room ? ` in #${e.room}` : '';
      notice(e.bans.length === 0 ? `no bans${where}` : `${e.bans.length} ban${e.bans.length === 1 ? '' : 's'}${where}:`);
      for (const b of e.bans) notice(`${b.mask} by ${b.by}${b.expires ? `, until ${b.expires}` : ''}${b.reason ? `: ${b.reason}` : ''}`);
      return;
    }
    case 'ignores':
      notice(e.names.length ? `you ignore: ${e.names.join(', ')}` : 'you ignore nobody');
      return;
    case 'motd':
      for (const l of e.lines) notice(`motd: ${l}`);
      return;
    case 'error':
      if (state.older && e.text.startsWith('usage: /history')) state.older.more = false;
      else notice(e.text, 'error');
      return;
    case 'info':
      onInfo(e);
      return;
  }
}

function onOpen() {
  state.older = null;
  state.quietWho.clear();
  state.quietCurrent = 0;
  if (state.wanted) {
    // After a reconnect: the same nick (logging in again if we were identified), then the rooms we were in.
    state.rejoin = [...state.rooms.values()].filter((r) => !r.pm && r.key !== LOBBY).map((r) => r.name);
    state.nick = null;
    for (const r of state.rooms.values()) {
      if (r.lines.length > 0) add(r, { kind: 'system', text: '— reconnected —' });
    }
    if (state.login && same(state.login.account, state.wanted)) {
      identify(state.login.account, state.login.password);
    } else {
      send(state.wanted);
    }
  } else {
    login.show();
  }
}

function identify(nick, password) {
  state.pendingLogin = { account: nick, password };
  if (!connection.send(`/identify ${nick} ${password}`)) login.refused('not connected yet: wait a moment and try again');
}

/** Notes the password a typed account command carries, to identify again after a reconnect once the server agrees. */
function notePassword(word, words) {
  if (word === '/identify') {
    state.pendingLogin = words.length >= 3 ? { account: words[1], password: words[2] } : { account: state.nick, password: words[1] };
  } else if (word === '/register') {
    state.pendingLogin = { account: state.nick, password: words[1] };
  } else if (word === '/passwd') {
    state.pendingLogin = { account: state.login?.account ?? state.nick, password: words[2] };
  }
}

function onSubmit(line) {
  if (line.length === 0) return;
  const r = state.rooms.get(state.current);
  if (line.startsWith('/') && !line.startsWith('//')) {
    const words = line.split(/\s+/);
    const word = words[0].toLowerCase();
    if (word === '/quit') {
      connection.quit(line);
      return;
    }
    if (SECRET.has(word)) notePassword(word, words);
    if (!ROOMLESS.has(word)) ensureCurrent();
    send(line);
    return;
  }
  const text = line.startsWith('//') ? line.slice(1) : line;
  if (!r) {
    notice('join a room first: /join ROOM', 'error');
  } else if (r.pm) {
    send(`/msg ${r.name} ${text}`);
  } else {
    send(`/msg #${r.name} ${text}`);
  }
}

/** Asks for the page before the room's oldest line, then a ping: its pong marks the page's end (answers keep command order). */
function loadOlder() {
  const r = state.rooms.get(state.current);
  if (!r || r.pm || r.olderGone || r.oldestId === null || state.older) return;
  if (r.oldestId <= 1) {
    reachedStart(r);
    return;
  }
  const token = `older-${++state.pings}`;
  state.older = { key: r.key, token, items: [], more: false };
  send(`/history #${r.name} ${OLDER_PAGE} before ${r.oldestId}`);
  send(`/ping ${token}`);
  drawOlder();
}

/** Scrolled to the top (by mouse, touch or keyboard): load the page before. */
function onScroll(list) {
  if (list.scrollTop <= 0) loadOlder();
}

const connection = new Connection(onEvent, view.setStatus, onOpen);

const login = new Login((nick) => {
  state.wanted = nick;
  state.login = null;
  if (!connection.send(nick)) login.show('not connected yet: wait a moment and try again');
}, (nick, password) => {
  state.wanted = nick;
  identify(nick, password);
});

const input = document.getElementById('input');
const messages = document.getElementById('messages');
const line = new InputLine(input, () => {
  const r = state.rooms.get(state.current);
  return { nicks: r ? [...r.members] : [], rooms: [...state.rooms.values()].filter((x) => !x.pm).map((x) => x.name) };
}, messages);
document.getElementById('say').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = input.value;
  input.value = '';
  const word = text.trim().split(/\s/, 1)[0].toLowerCase();
  if (!SECRET.has(word)) line.remember(text);
  onSubmit(text.trim());
});
document.getElementById('join').addEventListener('submit', (e) => {
  e.preventDefault();
  const field = document.getElementById('join-room');
  const name = field.value.trim().replace(/^#/, '');
  field.value = '';
  if (name) send(`/join #${name}`);
});
messages.addEventListener('scroll', () => onScroll(messages));
document.getElementById('older').addEventListener('click', loadOlder);

connection.connect();
