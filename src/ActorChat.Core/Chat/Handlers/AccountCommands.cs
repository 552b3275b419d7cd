using System.Threading.Channels;
using ActorChat.Core.Chat.Accounts;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Storage;
using Microsoft.Extensions.Logging;

namespace ActorChat.Core.Chat.Handlers;

/// <summary>
/// Accounts: register, identify, change the password, unregister. Every password is hashed or checked
/// off the broker's pump (PBKDF2 is slow on purpose); the outcome comes back as a
/// <see cref="PasswordChecked"/> message, and until then the member's later messages wait in order
/// (<see cref="Member.Waiting"/>). Failed logins are limited per account and per address,
/// registrations per address.
/// </summary>
internal sealed class AccountCommands(
    ChatState state, FanOut fanOut, Registration registration, IModerationStore store, IChatBroker broker,
    TimeProvider clock, ILogger logger)
{
    private readonly AttemptLimiter _failures = new(state.Options.FailedLoginsPerMinute, TimeSpan.FromMinutes(1), clock);
    private readonly AttemptLimiter _registrations = new(state.Options.RegistrationsPerAddressPerHour, TimeSpan.FromHours(1), clock);
    private readonly int _iterations = state.Options.PasswordIterations;
    private readonly PasswordWorkers _workers = new(state.Options.MaxConnections);

    /// <summary>The workers end with the broker.</summary>
    public void Stop() => _workers.Stop();

    public void Register(Member member, RegisterAccount intent)
    {
        var nick = member.Nick!;
        var address = AddressKey(member);
        Refused? refused =
            member.Account is not null || state.Accounts.ContainsKey(nick) ? new Refused(intent, Problem.AlreadyRegistered, member.Account ?? nick)
            : !Passwords.IsAcceptable(intent.Password) ? new Refused(intent, Problem.PasswordInvalid)
            : state.Accounts.Count >= state.Options.MaxAccounts ? new Refused(intent, Problem.TooManyAccounts, number: state.Options.MaxAccounts)
            : _registrations.Wait(address) is { } wait ? new Refused(intent, Problem.TooManyRegistrations, number: AttemptLimiter.Seconds(wait))
            : null;
        if (refused is not null)
        {
            fanOut.Deliver(member, refused);
            return;
        }
        _registrations.Count(address);
        var (iterations, created) = (_iterations, Now);
        Check(member, intent, nick, expected: null, () => new PasswordOutcome(true, Passwords.Hash(nick, intent.Password, iterations, created)));
    }

    public void Identify(Member member, Identify intent)
    {
        var name = intent.Nick ?? member.Nick;
        if (name is null || !state.Accounts.TryGetValue(name, out var account))
        {
            fanOut.Deliver(member, new Refused(intent, Problem.NoSuchAccount, name ?? ""));
            return;
        }
        var iterations = _iterations;
        Verify(member, intent, account, () =>
        {
            var matches = Passwords.Verify(intent.Password, account);
            // Parameters raised since this hash was made: re-hash now that the password is known.
            var raised = matches && account.Iterations < iterations ? Passwords.Hash(account.Name, intent.Password, iterations, account.Created) : null;
            return new PasswordOutcome(matches, raised);
        });
    }

    public void ChangePassword(Member member, ChangePassword intent)
    {
        if (!Passwords.IsAcceptable(intent.New))
        {
            fanOut.Deliver(member, new Refused(intent, Problem.PasswordInvalid));
            return;
        }
        if (Own(member, intent) is not { } account)
        {
            return;
        }
        var iterations = _iterations;
        Verify(member, intent, account, () => Passwords.Verify(intent.Old, account)
            ? new PasswordOutcome(true, Passwords.Hash(account.Name, intent.New, iterations, account.Created))
            : new PasswordOutcome(false, null));
    }

    public void Unregister(Member member, Unregister intent)
    {
        if (Own(member, intent) is { } account)
        {
            Verify(member, intent, account, () => new PasswordOutcome(Passwords.Verify(intent.Password, account), null));
        }
    }

    /// <summary>The outcome of a check, on the pump. The member's waiting messages are handled after it.</summary>
    public void Conclude(Member member, PasswordChecked verdict)
    {
        var intent = verdict.Intent;
        state.Accounts.TryGetValue(verdict.Account, out var now);
        if (!ReferenceEquals(now, verdict.Expected))
        {
            // Registered, re-hashed or removed by another connection meanwhile: the outcome is about a record that is gone.
            fanOut.Deliver(member, now is null ? new Refused(intent, Problem.NoSuchAccount, verdict.Account) : new Refused(intent, Problem.AlreadyRegistered, verdict.Account));
            return;
        }
        if (!verdict.Outcome.Matches)
        {
            Failed(member, intent, verdict.Account);
            return;
        }
        switch (intent)
        {
            case RegisterAccount:
                Keep(verdict.Outcome.Record!);
                member.Account = verdict.Account;
                Log.AccountRegistered(logger, member.Id, verdict.Account);
                fanOut.Deliver(member, new AccountReply(AccountChange.Registered, verdict.Account));
                fanOut.ToPeers(member, new PresenceChange(PresenceKind.Account, member.Nick!, verdict.Account, verdict.Account));
                break;
            case Chat.Identify identify:
                if (verdict.Outcome.Record is { } raised)
                {
                    Keep(raised);
                }
                LogIn(member, identify, now!.Name);
                break;
            case Chat.ChangePassword:
                Keep(verdict.Outcome.Record!);
                Log.PasswordChanged(logger, member.Id, verdict.Account);
                fanOut.Deliver(member, new AccountReply(AccountChange.PasswordChanged, verdict.Account));
                break;
            case Chat.Unregister:
                Drop(now!.Name);
                Log.AccountUnregistered(logger, member.Id, now.Name);
                fanOut.Deliver(member, new AccountReply(AccountChange.Unregistered, now.Name));
                break;
        }
    }

    /// <summary>
    /// Identified: whoever holds the account's nick (its own other connection) is closed, and the member
    /// takes the nick; without <see cref="Chat.Identify.TakeNick"/> it is only logged in (the nick it
    /// registers later is checked then, and a ghost holding the account's nick is closed then).
    /// </summary>
    private void LogIn(Member member, Identify intent, string account)
    {
        if (intent.TakeNick)
        {
            registration.Ghost(member, account);
        }
        member.Account = account;
        Log.Identified(logger, member.Id, account, intent.TakeNick ? "/identify" : "login");
        fanOut.Deliver(member, new AccountReply(AccountChange.Identified, account));
        if (member.Nick is not null)
        {
            fanOut.ToPeers(member, new PresenceChange(PresenceKind.Account, member.Nick, account, account));
        }
        if (!intent.TakeNick)
        {
            return;
        }
        if (member.Nick is null)
        {
            registration.Register(member, new Register(account));
        }
        else if (member.Nick != account)
        {
            registration.ChangeNick(member, new ChangeNick(account));
        }
    }

    /// <summary>The member's own account, still there; refused otherwise.</summary>
    private StoredAccount? Own(Member member, Intent intent)
    {
        if (state.Accounts.TryGetValue(member.Account!, out var account))
        {
            return account;
        }
        fanOut.Deliver(member, new Refused(intent, Problem.NotIdentified));
        return null;
    }

    /// <summary>Checks a password against an account unless too many failed lately.</summary>
    private void Verify(Member member, Intent intent, StoredAccount account, Func<PasswordOutcome> work)
    {
        var wait = Max(_failures.Wait(AccountKey(account.Name)), _failures.Wait(AddressKey(member)));
        if (wait is { } w)
        {
            fanOut.Deliver(member, new Refused(intent, Problem.TooManyFailedLogins, number: AttemptLimiter.Seconds(w)));
            return;
        }
        Check(member, intent, account.Name, account, work);
    }

    /// <summary>Runs <paramref name="work"/> on a password worker and posts its outcome back; the member's next messages wait.</summary>
    private void Check(Member member, Intent intent, string account, StoredAccount? expected, Func<PasswordOutcome> work)
    {
        var client = member.Client;
        var queued = _workers.TryQueue(async () =>
        {
            PasswordOutcome outcome;
            try
            {
                outcome = work();
            }
            catch (Exception e)
            {
                // The verdict must come back whatever happens, or the member's messages would wait for good.
                Log.MessageFailed(logger, nameof(AccountCommands), e);
                outcome = new PasswordOutcome(false, null);
            }
            try
            {
                await broker.PostAsync(new PasswordChecked(client, intent, account, expected, outcome)).ConfigureAwait(false);
            }
            catch (ChannelClosedException)
            {
                // The server is stopping.
            }
        });
        // One check per connection at a time, and the queue holds as many as there may be connections.
        member.Waiting = queued ? new Queue<BrokerMessage>() : throw new InvalidOperationException("more password checks than connections");
    }

    private void Failed(Member member, Intent intent, string account)
    {
        _failures.Count(AccountKey(account));
        _failures.Count(AddressKey(member));
        Log.WrongPassword(logger, member.Id, member.Client.Remote, account, intent switch
        {
            Chat.Identify { TakeNick: true } => "/identify",
            Chat.Identify => "login",
            Chat.ChangePassword => "/passwd",
            _ => "/unregister",
        });
        fanOut.Deliver(member, new Refused(intent, Problem.WrongPassword));
    }

    private void Keep(StoredAccount account)
    {
        state.Accounts[account.Name] = account;
        store.Save(new AccountSaved(account));
    }

    /// <summary>
    /// Removes the account. Nobody stays identified to it, and it founds and operates no room any
    /// more, so whoever registers the name later inherits nothing.
    /// </summary>
    private void Drop(string name)
    {
        state.Accounts.Remove(name);
        store.Save(new AccountDeleted(name));
        foreach (var member in state.Members)
        {
            if (Names.Comparer.Equals(member.Account, name))
            {
                member.Account = null;
                if (member.Nick is not null)
                {
                    fanOut.ToPeers(member, new PresenceChange(PresenceKind.Account, member.Nick, null, null));
                }
            }
        }
        foreach (var room in state.Rooms)
        {
            var rules = room.Rules;
            var founded = Names.Comparer.Equals(rules.Founder, name);
            if (founded || rules.OperatorAccounts.Remove(name))
            {
                if (founded)
                {
                    rules.Founder = null;
                }
                store.Save(founded ? new RoomRegistrationDeleted(room.Name) : new RoomRegistrationSaved(rules.ToStored(room.Name)));
            }
        }
    }

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a > b || b is null ? a : b;

    private static string AccountKey(string account) => "account:" + account.ToLowerInvariant();

    private static string AddressKey(Member member) => member.Address?.ToString() ?? member.Client.Remote;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
