// The web client: one WebSocket speaking the line protocol's commands in, JSON events out.
import { Connection } from './connection.js';
import { InputLine } from './input.js';
import * as view from './view.js';

const LOBBY = 'lobby';
const MAX_LINES = 1000;           // per room; older lines are dropped from the page
const OLDER_PAGE = 50;            // lines asked for when scrolling up
const ROOMLESS = new Set(['/join', '/nick', '/quit', '/ping', '/help', '/rooms', '/msg', '/json', '/timestamps']);

const state = {
  nick: null,            // ours once the server has welcomed us
  wanted: null,          // the nick asked for (sent again after a reconnect)
  rooms: new Map(),      // key (lower-case room name, or "@nick" for a private conversation) -> room
  current: LOBBY,        // the room on screen
  serverCurrent: null,   // the room the server takes as current (for /me, /history, ...)
  quietCurrent: 0,       // "#x is now your current room" answers to our own switches, not shown
  quietWho: new Set(),   // rooms whose member list we asked for ourselves
  rejoin: [],            // rooms to join again after a reconnect
  olderFor: null,        // the room waiting for an older page
};

const key = (name) => name.toLowerCase();

function room(name, pm = false) {
  const k = pm ? `@${name.toLowerCase()}` : key(name);
  let r = state.rooms.get(k);
  if (!r) {
    r = { key: k, name, label: pm ? `@${name}` : `#${name}`, pm, lines: [], members: new Set(),
      unread: 0, mentioned: false, topic: null, lastTs: null, oldestId: null, olderGone: false };
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
  document.getElementById('input').focus();
}

/** Adds a line to a room: live lines at the end, history in its place by id. */
function add(r, item, history = false) {
  const mine = item.nick !== undefined && state.nick && item.nick.toLowerCase() === state.nick.toLowerCase();
  item.mention = (item.kind === 'message' || item.kind === 'action') && !mine && mentions(item.text);
  const li = view.line(item, mine);
  const visible = r.key === state.current;
  if (history && item.id !== undefined) {
    if (r.lastTs && item.ts && item.ts <= r.lastTs && r.lines.some((l) => l.dataset.id === String(item.id))) return;
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

function askWho(r) {
  state.quietWho.add(r.key);
  send(`/who #${r.name}`);
}

function onWelcome(e) {
  state.nick = e.nick;
  state.wanted = e.nick;
  const lobby = room(LOBBY);
  lobby.members.add(e.nick);
  state.serverCurrent = LOBBY;
  view.showChat();
  add(lobby, { kind: 'system', text: e.text });
  askWho(lobby);
  for (const name of state.rejoin) send(`/join #${name}`);
  state.rejoin = [];
  select(state.rooms.has(state.current) ? state.current : LOBBY);
}

function onRoomEvent(e) {
  const r = room(e.room);
  const self = state.nick && e.nick.toLowerCase() === state.nick.toLowerCase();
  switch (e.type) {
    case 'message':
    case 'action':
      add(r, { kind: e.type, nick: e.nick, text: e.text, ts: e.ts, id: e.id }, e.history === true);
      break;
    case 'join':
      r.members.add(e.nick);
      if (self) {
        state.serverCurrent = r.key;
        askWho(r);
        select(r.key);
      }
      add(r, { kind: 'system', text: self ? `you joined #${e.room}` : `${e.nick} joined`, ts: e.ts });
      break;
    case 'part':
      r.members.delete(e.nick);
      if (self) {
        state.rooms.delete(r.key);
        state.serverCurrent = null;
        if (state.current === r.key) select(LOBBY);
        else drawRooms();
        notice(`you left #${e.room}`);
        return;
      }
      add(r, { kind: 'system', text: `${e.nick} left${e.reason ? ` (${e.reason})` : ''}`, ts: e.ts });
      break;
    case 'nick':
      r.members.delete(e.old);
      r.members.add(e.nick);
      if (state.nick && e.old.toLowerCase() === state.nick.toLowerCase()) state.nick = state.wanted = e.nick;
      add(r, { kind: 'system', text: `${e.old} is now ${e.nick}`, ts: e.ts });
      break;
  }
  if (r.key === state.current) view.renderMembers(r);
}

function onEvent(e) {
  switch (e.type) {
    case 'welcome':
      onWelcome(e);
      return;
    case 'message': case 'action': case 'join': case 'part': case 'nick':
      onRoomEvent(e);
      return;
    case 'pm': {
      const other = state.nick && e.from.toLowerCase() === state.nick.toLowerCase() ? e.to : e.from;
      add(room(other, true), { kind: 'pm', nick: e.from, to: e.to, text: e.text, ts: e.ts });
      return;
    }
    case 'who': {
      const r = state.rooms.get(key(e.room));
      if (r) {
        if ((e.page ?? 1) === 1) r.members.clear();
        e.nicks.forEach((n) => r.members.add(n));
        if (r.key === state.current) view.renderMembers(r);
      }
      if (state.quietWho.delete(key(e.room))) return;
      notice(`#${e.room}${e.pages ? ` (page ${e.page} of ${e.pages})` : ''}: ${e.nicks.join(' ')}`);
      return;
    }
    case 'rooms':
      notice(`rooms: ${e.rooms.map((r) => `#${r.name} (${r.users})`).join(', ')}${e.pages ? ` (page ${e.page} of ${e.pages})` : ''}`);
      return;
    case 'pong':
      notice(`pong ${e.token}`);
      return;
    case 'topic': {
      const r = state.rooms.get(key(e.room));
      if (r) {
        r.topic = e.text || null;
        if (r.key === state.current) view.renderTopic(r);
      }
      return;
    }
    case 'error':
      if (!state.nick) {
        view.showLogin(e.text);
      } else if (state.olderFor && e.text.startsWith('usage: /history')) {
        state.rooms.get(state.olderFor).olderGone = true;    // this server keeps no older pages
        state.olderFor = null;
      } else {
        notice(e.text, 'error');
      }
      return;
    case 'info':
      if (!state.nick) return;           // the greeting and the nick prompt: the page has its own
      if (state.quietCurrent > 0 && / is now your current room$/.test(e.text)) {
        state.quietCurrent--;
        return;
      }
      notice(e.text);
      return;
  }
}

function onOpen() {
  if (state.wanted) {
    // After a reconnect: the same nick, then the rooms we were in.
    state.rejoin = [...state.rooms.values()].filter((r) => !r.pm && r.key !== LOBBY).map((r) => r.name);
    state.nick = null;
    for (const r of state.rooms.values()) {
      if (r.lines.length > 0) add(r, { kind: 'system', text: '— reconnected —' });
    }
    send(state.wanted);
  } else {
    view.showLogin();
  }
}

function onSubmit(line) {
  if (line.length === 0) return;
  const r = state.rooms.get(state.current);
  if (line.startsWith('/') && !line.startsWith('//')) {
    const word = line.split(/\s/, 1)[0].toLowerCase();
    if (word === '/quit') {
      connection.quit(line);
      return;
    }
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

/** Scrolled to the top: ask for the page before the oldest line, where the server keeps it. */
function onScroll(list) {
  const r = state.rooms.get(state.current);
  if (list.scrollTop > 0 || !r || r.pm || r.olderGone || r.oldestId === null || r.oldestId <= 1 || state.olderFor) return;
  state.olderFor = r.key;
  ensureCurrent();
  send(`/history ${OLDER_PAGE} before ${r.oldestId}`);
  setTimeout(() => { if (state.olderFor === r.key) state.olderFor = null; }, 5000);
}

const connection = new Connection(onEvent, view.setStatus, onOpen);

document.getElementById('login').addEventListener('submit', (e) => {
  e.preventDefault();
  const nick = document.getElementById('nick').value.trim();
  if (!nick) return;
  state.wanted = nick;
  if (!connection.send(nick)) view.showLogin('not connected yet: wait a moment and try again');
});

const input = document.getElementById('input');
const line = new InputLine(input, () => {
  const r = state.rooms.get(state.current);
  return { nicks: r ? [...r.members] : [], rooms: [...state.rooms.values()].filter((x) => !x.pm).map((x) => x.name) };
});
document.getElementById('say').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = input.value;
  input.value = '';
  line.remember(text);
  onSubmit(text.trim());
});
document.getElementById('join').addEventListener('submit', (e) => {
  e.preventDefault();
  const field = document.getElementById('join-room');
  const name = field.value.trim().replace(/^#/, '');
  field.value = '';
  if (name) send(`/join #${name}`);
});
const messages = document.getElementById('messages');
messages.addEventListener('scroll', () => onScroll(messages));

connection.connect();
