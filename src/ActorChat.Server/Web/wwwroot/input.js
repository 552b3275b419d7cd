// The input line: history with Up/Down, Tab completion of nicks, rooms and commands, and
// PageUp/PageDown to scroll the messages without leaving it.

export const COMMANDS = ['/nick', '/join', '/part', '/msg', '/me', '/who', '/rooms', '/history',
  '/ping', '/timestamps', '/help', '/quit', '/topic', '/op', '/deop', '/kick', '/ban', '/unban', '/bans',
  '/mute', '/unmute', '/mode', '/invite', '/claim', '/register', '/identify', '/passwd', '/unregister',
  '/away', '/ignore', '/unignore', '/whois', '/r', '/motd', '/kill', '/wall'];
const HISTORY_LIMIT = 100;

export class InputLine {
  /**
   * @param {HTMLInputElement} input
   * @param {() => {nicks: string[], rooms: string[]}} candidates   what Tab may complete
   * @param {HTMLElement} scroller   what PageUp and PageDown scroll (the message list)
   */
  constructor(input, candidates, scroller) {
    this.input = input;
    this.candidates = candidates;
    this.scroller = scroller;
    this.history = [];
    this.position = 0;
    this.draft = '';
    this.completion = null;   // { start, matches, index } while Tab cycles
    input.addEventListener('keydown', (e) => this.onKey(e));
    input.addEventListener('input', () => { this.completion = null; });
  }

  /** Remembers a sent line for Up/Down. */
  remember(line) {
    if (line && this.history[this.history.length - 1] !== line) {
      this.history.push(line);
      if (this.history.length > HISTORY_LIMIT) this.history.shift();
    }
    this.position = this.history.length;
    this.draft = '';
  }

  onKey(e) {
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      if (this.history.length === 0) return;
      if (this.position === this.history.length) this.draft = this.input.value;
      this.position = Math.max(0, Math.min(this.history.length, this.position + (e.key === 'ArrowUp' ? -1 : 1)));
      this.input.value = this.position === this.history.length ? this.draft : this.history[this.position];
      e.preventDefault();
    } else if (e.key === 'PageUp' || e.key === 'PageDown') {
      const page = Math.max(40, this.scroller.clientHeight - 40);
      this.scroller.scrollBy({ top: e.key === 'PageUp' ? -page : page });
      e.preventDefault();
    } else if (e.key === 'Tab' && !e.shiftKey && !e.ctrlKey && !e.altKey) {
      // Only when there is a word to complete: otherwise Tab moves the focus, as it should.
      if (this.complete()) e.preventDefault();
    } else if (e.key !== 'Shift') {
      this.completion = null;
    }
  }

  complete() {
    const value = this.input.value;
    const caret = this.input.selectionStart ?? value.length;
    if (!this.completion) {
      const start = value.lastIndexOf(' ', caret - 1) + 1;
      const word = value.slice(start, caret);
      if (word.length === 0) return false;
      const { nicks, rooms } = this.candidates();
      const pool = word.startsWith('/') && start === 0 ? COMMANDS
        : word.startsWith('#') ? rooms.map((r) => `#${r}`)
        : nicks;
      const lower = word.toLowerCase();
      const matches = [...new Set(pool)].filter((c) => c.toLowerCase().startsWith(lower)).sort();
      if (matches.length === 0) return false;
      this.completion = { start, end: caret, matches, index: -1 };
    }
    const c = this.completion;
    c.index = (c.index + 1) % c.matches.length;
    let text = c.matches[c.index];
    // A nick at the start of the line is addressed: "bob: ".
    const suffix = c.start === 0 && !text.startsWith('/') && !text.startsWith('#') ? ': ' : ' ';
    text += suffix;
    this.input.value = value.slice(0, c.start) + text + value.slice(c.end);
    c.end = c.start + text.length;
    this.input.setSelectionRange(c.end, c.end);
    return true;
  }
}
