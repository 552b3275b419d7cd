// Drawing: every piece of text from the server or another user goes in through textContent (or an
// attribute), never as HTML. This module is the only one that touches the DOM of the chat.

const $ = (id) => document.getElementById(id);

/** A stable hue per nick, so each person keeps a colour (CSS picks the lightness for light or dark). */
export function hue(nick) {
  let h = 0;
  for (const c of nick.toLowerCase()) h = (h * 31 + c.codePointAt(0)) >>> 0;
  return h % 360;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function nickNode(nick) {
  const node = el('span', 'nick', nick);
  node.style.setProperty('--hue', String(hue(nick)));
  return node;
}

function timeNode(ts) {
  const date = ts ? new Date(ts) : new Date();
  const node = el('time', null, date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
  node.dateTime = date.toISOString();
  node.title = date.toLocaleString();
  return node;
}

export function setStatus(state, text) {
  const status = $('status');
  status.textContent = text;
  status.classList.toggle('bad', state !== 'open');
}

export function showChat() {
  $('chat').hidden = false;
  $('input').focus();
}

/** One line for the message list: a message, an action, a notice. */
export function line(item, mine) {
  const li = el('li');
  if (item.id !== undefined) li.dataset.id = String(item.id);
  li.append(timeNode(item.ts));
  switch (item.kind) {
    case 'message':
      li.append(nickNode(item.nick), document.createTextNode(': '), document.createTextNode(item.text));
      break;
    case 'action':
      li.append(document.createTextNode('* '), nickNode(item.nick), document.createTextNode(` ${item.text}`));
      break;
    case 'pm':
      li.append(nickNode(item.nick), document.createTextNode(` → ${item.to}: `), document.createTextNode(item.text));
      break;
    default:
      li.classList.add(item.kind === 'error' ? 'error' : 'system');
      li.append(document.createTextNode(item.text));
  }
  if (item.mention && !mine) li.classList.add('mention');
  return li;
}

/** A line that marks a place in the list (the start of a room's history), not a message. */
export function divider(text) {
  return el('li', 'divider', text);
}

/** Shows the room's lines; keeps the view at the bottom unless the person scrolled up. */
export function renderMessages(room) {
  const list = $('messages');
  list.replaceChildren(...room.lines);
  list.scrollTop = list.scrollHeight;
}

export function appendLine(li, visible) {
  if (!visible) return;
  const list = $('messages');
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.append(li);
  if (atBottom) list.scrollTop = list.scrollHeight;
}

/** Puts an older line in its place by id, keeping what the person is looking at still. */
export function insertOlder(li, before, visible) {
  if (!visible) return;
  const list = $('messages');
  const from = list.scrollHeight - list.scrollTop;
  list.insertBefore(li, before);
  list.scrollTop = list.scrollHeight - from;
}

export function renderRooms(rooms, current, onSelect) {
  const items = [...rooms.values()].map((room) => {
    const button = el('button');
    button.type = 'button';
    button.append(el('span', null, room.label));
    if (room.unread > 0 && room.key !== current) {
      button.append(el('span', room.mentioned ? 'unread mention' : 'unread', String(room.unread)));
      button.setAttribute('aria-label', `${room.label}, ${room.unread} unread${room.mentioned ? ', mentions you' : ''}`);
    }
    button.setAttribute('aria-current', String(room.key === current));
    button.addEventListener('click', () => onSelect(room.key));
    const li = el('li');
    li.append(button);
    return li;
  });
  $('rooms').replaceChildren(...items);
}

/** The room's members, operators first and marked with @ (as IRC clients do). */
export function renderMembers(room) {
  const byName = (a, b) => a.localeCompare(b);
  const nicks = room ? [...room.members] : [];
  const isOp = (nick) => room.ops.has(nick.toLowerCase());
  const ops = nicks.filter(isOp).sort(byName);
  const rest = nicks.filter((n) => !isOp(n)).sort(byName);
  $('members').replaceChildren(...[...ops, ...rest].map((nick) => {
    const li = el('li');
    if (isOp(nick)) {
      const mark = el('abbr', 'op', '@');
      mark.title = 'room operator';
      li.append(mark);
    }
    li.append(nickNode(nick));
    return li;
  }));
}

export function renderTopic(room) {
  const topic = $('topic');
  topic.hidden = !room?.topic;
  topic.textContent = room?.topic ?? '';
  topic.title = room?.topic && room.topicBy ? `set by ${room.topicBy}` : '';
}

/** The button that asks for older messages: shown while the room may have some, says when it is busy. */
export function renderOlder(room, busy) {
  const button = $('older');
  const more = room && !room.pm && room.oldestId !== null && room.oldestId > 1 && !room.olderGone;
  button.hidden = !more;
  button.disabled = busy;
  button.textContent = busy ? 'Loading older messages…' : 'Load older messages';
}

/** Puts lines above every other (an older page, the start of a room's history), keeping the view still. */
export function prependLines(lis, visible) {
  if (!visible || lis.length === 0) return;
  const list = $('messages');
  const from = list.scrollHeight - list.scrollTop;
  list.prepend(...lis);
  list.scrollTop = list.scrollHeight - from;
}
