// The WebSocket to the server: subprotocol actorchat.v1, one JSON object per frame in, one command
// per frame out; reconnects with back-off and says what it is doing.

const SUBPROTOCOL = 'actorchat.v1';
const FIRST_DELAY = 1000, MAX_DELAY = 30000;

export class Connection {
  /**
   * @param {(event: object) => void} onEvent   every JSON object the server sends
   * @param {(state: string, text: string) => void} onStatus   "connecting" | "open" | "waiting" | "closed"
   * @param {() => void} onOpen   the socket is open (send the nick again, rejoin rooms)
   */
  constructor(onEvent, onStatus, onOpen) {
    this.onEvent = onEvent;
    this.onStatus = onStatus;
    this.onOpen = onOpen;
    this.delay = FIRST_DELAY;
    this.attempt = 0;
    this.quitting = false;
    this.why = null;          // why the server ended the session for good, when it did
    this.timer = null;
    this.socket = null;
  }

  get url() {
    return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
  }

  connect() {
    clearInterval(this.timer);
    this.attempt++;
    this.onStatus('connecting', this.attempt > 1 ? `Reconnecting (attempt ${this.attempt})…` : 'Connecting…');
    const socket = new WebSocket(this.url, SUBPROTOCOL);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.delay = FIRST_DELAY;
      this.attempt = 0;
      this.onStatus('open', 'Connected');
      this.onOpen();
    });
    socket.addEventListener('message', (e) => {
      let event;
      try {
        event = JSON.parse(e.data);
      } catch {
        return;   // not ours; the protocol sends JSON only
      }
      this.onEvent(event);
    });
    socket.addEventListener('close', (e) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.quitting) {
        this.onStatus('closed', `Disconnected${this.why ? `: ${this.why}` : ''}. Reload the page to chat again.`);
        return;
      }
      this.waitAndRetry(e.code);
    });
  }

  /** Counts down to the next attempt, so the person sees what is happening and when. */
  waitAndRetry(code) {
    const why = code === 1009 ? 'A message was too big; the connection was closed'
      : code === 1008 ? 'The connection was cut'
      : code === 1013 ? 'The server is full'
      : 'Connection lost';
    let left = Math.round(this.delay / 1000);
    const tick = () => {
      if (left <= 0) {
        this.connect();
        return;
      }
      this.onStatus('waiting', `${why}; reconnecting in ${left} s…`);
      left--;
    };
    this.delay = Math.min(this.delay * 2, MAX_DELAY);
    tick();
    this.timer = setInterval(tick, 1000);
  }

  get open() {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends one command or line; false when not connected. */
  send(line) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(line);
    return true;
  }

  quit(line) {
    this.quitting = true;
    this.send(line);
  }

  /**
   * The server ended this session for a reason coming back would not change (killed, banned, the
   * account logged in elsewhere): when the socket closes, stay closed and say why. Reconnecting by
   * itself would undo a kill, knock on a ban every 30 s, or fight the other connection for the nick.
   */
  stayClosed(why) {
    this.quitting = true;
    this.why = why;
  }
}
