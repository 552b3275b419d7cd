// The login form: a nick first; when the server says the nick is registered, its password in a
// password field (sent as /identify NICK PASSWORD). This module owns the form's DOM; the password
// is read from the field, handed on once and the field emptied: it is never drawn, stored or logged.

const $ = (id) => document.getElementById(id);

export class Login {
  /**
   * @param {(nick: string) => void} onNick   the person chose a nick
   * @param {(nick: string, password: string) => void} onPassword   the person gave the password of a registered nick
   */
  constructor(onNick, onPassword) {
    this.onNick = onNick;
    this.onPassword = onPassword;
    this.registered = null;   // the registered nick the password step is for
    this.lockTimer = null;
    $('login').addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    // Editing the nick away from the registered one leaves the password step.
    $('nick').addEventListener('input', () => {
      if (this.registered && !this.isRegisteredNick()) this.nickStep();
    });
  }

  isRegisteredNick() {
    return $('nick').value.trim().toLowerCase() === this.registered?.toLowerCase();
  }

  submit() {
    const nick = $('nick').value.trim();
    if (!nick) return;
    if (this.registered && this.isRegisteredNick()) {
      const field = $('password');
      const password = field.value;
      field.value = '';
      if (!password) {
        this.error('Enter the password, or choose another nick.');
        field.focus();
        return;
      }
      this.error('');
      this.onPassword(nick, password);
      return;
    }
    this.onNick(nick);
  }

  /** Shows the form at the nick step, with an error when there is one. */
  show(error) {
    $('chat').hidden = true;
    $('login').hidden = false;
    this.nickStep();
    this.error(error ?? '');
    $('nick').focus();
  }

  nickStep() {
    this.registered = null;
    this.unlock();
    $('password-step').hidden = true;
    $('password').value = '';
    $('login-title').textContent = 'Choose a nick';
    $('login-submit').textContent = 'Chat';
  }

  /** The server said the nick is registered: ask for its password. */
  askPassword(nick) {
    $('chat').hidden = true;
    $('login').hidden = false;
    this.registered = nick;
    $('nick').value = nick;
    $('password-step').hidden = false;
    $('password-for').textContent = `${nick} is registered. Enter its password to log in, or choose another nick.`;
    $('login-title').textContent = 'Log in';
    $('login-submit').textContent = 'Log in';
    this.error('');
    $('password').focus();
  }

  /** A refused password (wrong, or not a valid password): say so and ask again. */
  refused(text) {
    if (!this.registered) {
      this.show(text);
      return;
    }
    this.error(text === 'wrong password' ? `Wrong password for ${this.registered}.` : capital(text));
    $('password').focus();
  }

  /** Too many failed logins: the server checks no password for a while; count it down. */
  locked(text) {
    const seconds = Number(/(\d+) s$/.exec(text)?.[1] ?? 60);
    const until = Date.now() + seconds * 1000;
    const submit = $('login-submit');
    this.unlock();
    submit.disabled = true;
    const tick = () => {
      const left = Math.ceil((until - Date.now()) / 1000);
      if (left <= 0) {
        this.unlock();
        this.error('You may try again now.');
        return;
      }
      this.error(`Too many failed logins: try again in ${left} s.`);
    };
    tick();
    this.lockTimer = setInterval(tick, 1000);
    $('password').focus();
  }

  unlock() {
    clearInterval(this.lockTimer);
    this.lockTimer = null;
    $('login-submit').disabled = false;
  }

  error(text) {
    $('login-error').textContent = text;
  }

  hide() {
    this.unlock();
    $('password').value = '';
    $('login').hidden = true;
  }
}

const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);
