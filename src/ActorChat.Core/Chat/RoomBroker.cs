using ActorChat.Core.Actors;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Chat.Handlers;
using ActorChat.Core.Chat.Moderation;
using System.Threading.Channels;
using ActorChat.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorChat.Core.Chat;

/// <summary>
/// The room broker: one actor owns nicks, rooms, membership, message ids and history
/// (<see cref="ChatState"/>), all touched by its pump alone, so every member of a room sees that
/// room's events in one order. It takes typed intents from every front end and answers with typed
/// events; it never awaits a member: one whose send queue is full is cut (<c>send queue exceeded</c>).
/// Every intent passes one authorisation step (<see cref="Authority"/>) before its handler runs.
/// Password checks run off the pump; meanwhile that member's later messages wait, in order.
/// What is said is posted to the store (<see cref="StoreLink"/>), never waited for on the pump.
/// </summary>
internal sealed class RoomBroker : Actor<BrokerMessage>, IChatBroker
{
    private const int MailboxCapacity = 8192;
    private const string SendQueueExceeded = "send queue exceeded", TooManyWaiting = "too many commands while a password was checked";

    private readonly ChatState _state;
    private readonly FanOut _fanOut;
    private readonly Membership _membership;
    private readonly Authority _authority;
    private readonly ModerationView _view;
    private readonly TimeProvider _clock;
    private readonly Registration _registration;
    private readonly RoomCommands _rooms;
    private readonly Messaging _messaging;
    private readonly Queries _queries;
    private readonly StoreLink _store;
    private readonly AccountCommands _accounts;
    private readonly ServerModeration _serverModeration;
    private readonly RoomModeration _roomModeration;
    private readonly Presence _presence;

    public RoomBroker(
        IOptions<ChatOptions> options, IRoomMirror mirror, IChatStore store, IModerationStore moderation, ModerationView view, TimeProvider clock,
        ILogger<RoomBroker> logger)
        : base(logger, MailboxCapacity, batchSize: 256)
    {
        _store = new StoreLink(store, PostBack, logger);
        _state = new ChatState(options.Value, durable: _store.Enabled, roomMade: _store.SaveRoom);
        _state.Load(moderation.Load());
        _view = view;
        _clock = clock;
        var motd = Motd.Load(options.Value.MotdFile, logger);
        _fanOut = new FanOut(mirror, options.Value);
        _membership = new Membership(_state, _fanOut);
        _authority = new Authority(_state, clock);
        _registration = new Registration(_state, _fanOut, _membership, motd, clock, logger);
        _rooms = new RoomCommands(_state, _fanOut, _membership);
        _messaging = new Messaging(_state, _fanOut, _store);
        _queries = new Queries(_state, _fanOut, _store, _authority);
        _accounts = new AccountCommands(_state, _fanOut, _registration, moderation, this, clock, logger);
        _serverModeration = new ServerModeration(_state, _fanOut, _registration, moderation, clock, logger);
        _roomModeration = new RoomModeration(_state, _fanOut, _membership, moderation, clock, logger);
        _presence = new Presence(_state, _fanOut, _authority, moderation, motd, clock);
        PublishView();
    }

    /// <summary>For tests and metrics: the state, to be read only on the pump or after it has stopped.</summary>
    internal ChatState State => _state;

    public ValueTask PostAsync(BrokerMessage message, CancellationToken cancellationToken = default) =>
        Mailbox.WriteAsync(message, cancellationToken);

    /// <summary>Takes back the rooms, ids and history the store kept; before <see cref="Actor{T}.Start"/>. Returns the rooms and messages restored.</summary>
    public (int Rooms, int Messages) Restore()
    {
        var stored = _store.Load(_state.Options.HistoryLines);
        _state.Restore(stored);
        return (stored.Count, stored.Sum(r => r.History.Count));
    }

    /// <summary>Saves that found the store's mailbox full are awaited here: the broker's mailbox fills, and the senders wait.</summary>
    protected override ValueTask AfterBatchAsync() => _store.AwaitWaitingAsync();

    /// <summary>From another thread (the store's): never waits there; a full mailbox takes it when it can.</summary>
    private void PostBack(BrokerMessage message)
    {
        if (!Mailbox.TryWrite(message))
        {
            _ = PostLaterAsync(message);
        }
    }

    private async Task PostLaterAsync(BrokerMessage message)
    {
        try
        {
            await Mailbox.WriteAsync(message).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // Stopping: nobody is left to read the page.
        }
    }

    protected override void Receive(BrokerMessage message)
    {
        try
        {
            Dispatch(message);
        }
        finally
        {
            CutOverflowing();
            if (_state.ViewChanged)
            {
                PublishView();
            }
        }
    }

    private void Dispatch(BrokerMessage message)
    {
        if (message is Connected { Client: var client })
        {
            _registration.Greet(_state.Add(client, _clock.GetUtcNow().UtcDateTime));
            return;
        }
        if (_state.Find(message.Client) is not { } member)
        {
            return;     // gone already (quit, cut): what it sent after that is moot
        }
        if (member.Waiting is { } waiting && message is not (Disconnected or PasswordChecked))
        {
            // A password is being checked: what the member sends meanwhile is answered after the verdict, in order.
            if (waiting.Count < Member.MaxWaiting)
            {
                waiting.Enqueue(message);
            }
            else
            {
                Cut(member, new SessionError(SessionProblem.TooManyWaiting), TooManyWaiting);
            }
            return;
        }
        if (message is PasswordChecked verdict)
        {
            Resume(member, verdict);
            return;
        }
        if (member.AwaitingPage && message is Request or Relay)
        {
            Park(member, message);
            return;
        }
        Serve(member, message);
    }

    private void Serve(Member member, BrokerMessage message)
    {
        switch (message)
        {
            case HistoryArrived arrived:
                member.AwaitingPage = false;
                _queries.PageArrived(member, arrived.Page);
                Unpark(member);
                break;
            case Request { Intent: var intent }:
                Handle(member, intent);
                break;
            case Relay { Items: var items }:
                foreach (var item in items)
                {
                    _fanOut.Deliver(member, item);
                }
                break;
            case Disconnected gone when _state.Forget(member):
                Log.ClientLeft(Logger, member.Id, member.Nick, gone.Reason);
                _membership.LeaveEverywhere(member, gone.Reason);
                break;
            case RegistrationExpired:
                _registration.Expire(member);
                break;
        }
    }

    /// <summary>The verdict, then what waited for it, until the member is gone or another check starts.</summary>
    private void Resume(Member member, PasswordChecked verdict)
    {
        var waited = member.Waiting ?? new Queue<BrokerMessage>();
        member.Waiting = null;
        _accounts.Conclude(member, verdict);
        while (waited.TryDequeue(out var next))
        {
            if (_state.Find(member.Client) is null)
            {
                return;
            }
            if (member.Waiting is { } again)
            {
                again.Enqueue(next);
                continue;
            }
            if (member.AwaitingPage && next is Request or Relay)
            {
                Park(member, next);
                continue;
            }
            Serve(member, next);
        }
    }

    private void Handle(Member member, Intent intent)
    {
        switch (intent)
        {
            case Ping ping:
                _queries.Ping(member, ping);
                return;
            case EchoOwn echo:
                member.EchoOwn = echo.On;
                return;
            case Quit quit:
                _registration.Quit(member, quit);
                return;
            case Register register when member.Nick is null:
                _registration.Register(member, register);
                return;
            case Identify identify:
                _accounts.Identify(member, identify);    // at the nick prompt too: it takes the account's nick
                return;
            case ShowMotd:
                _presence.Motd(member);
                return;
        }
        if (member.Nick is null)
        {
            _fanOut.Deliver(member, new Refused(intent, Problem.NotRegistered));
            return;
        }
        if (_authority.Check(member, intent) is { } refused)
        {
            _fanOut.Deliver(member, refused);
            return;
        }
        Dispatch(member, intent);
    }

    /// <summary>To the handler of the intent's group; the authority has allowed it.</summary>
    private void Dispatch(Member member, Intent intent)
    {
        switch (intent)
        {
            case Say say:
                _messaging.Say(member, say);
                break;
            case Act act:
                _messaging.Act(member, act);
                break;
            case SendPrivate pm:
                _messaging.SendPrivate(member, pm);
                break;
            case ReplyPrivate reply:
                _messaging.Reply(member, reply);
                break;
            case Register register:
                _registration.ChangeNick(member, new ChangeNick(register.Nick));
                break;
            case ChangeNick change:
                _registration.ChangeNick(member, change);
                break;
            case Join join:
                _rooms.Join(member, join);
                break;
            case Part part:
                _rooms.Part(member, part);
                break;
            case PartAll partAll:
                _rooms.PartAll(member, partAll);
                break;
            case Who who:
                _queries.Who(member, who);
                break;
            case ListRooms list:
                _queries.ListRooms(member, list);
                break;
            case History history:
                _queries.History(member, history);
                break;
            case CountUsers:
                _queries.CountUsers(member);
                break;
            case LookUp lookUp:
                _queries.LookUp(member, lookUp);
                break;
            case RegisterAccount register:
                _accounts.Register(member, register);
                break;
            case ChangePassword change:
                _accounts.ChangePassword(member, change);
                break;
            case Unregister unregister:
                _accounts.Unregister(member, unregister);
                break;
            case OperatorIntent op:
                DispatchServerOperator(member, op);
                break;
            case RoomOperatorIntent op:
                DispatchRoomOperator(member, op);
                break;
            case SetTopic topic:
                _presence.Topic(member, topic);
                break;
            case Away away:
                _presence.Away(member, away);
                break;
            case Ignore ignore:
                _presence.Ignore(member, ignore);
                break;
            case Unignore unignore:
                _presence.Unignore(member, unignore);
                break;
            case ListIgnores:
                _presence.ListIgnores(member);
                break;
            case Whois whois:
                _presence.Whois(member, whois);
                break;
            case ShowModes modes:
                _queries.Modes(member, modes);
                break;
        }
    }

    private void DispatchServerOperator(Member member, OperatorIntent intent)
    {
        switch (intent)
        {
            case Kill kill:
                _serverModeration.Kill(member, kill);
                break;
            case ServerBan ban:
                _serverModeration.Ban(member, ban);
                break;
            case ServerUnban unban:
                _serverModeration.Unban(member, unban);
                break;
            case ListServerBans:
                _serverModeration.ListBans(member);
                break;
            case Wall wall:
                _serverModeration.Wall(member, wall);
                break;
        }
    }

    private void DispatchRoomOperator(Member member, RoomOperatorIntent intent)
    {
        switch (intent)
        {
            case GiveOp op:
                _roomModeration.GiveOp(member, op);
                break;
            case TakeOp deop:
                _roomModeration.TakeOp(member, deop);
                break;
            case Kick kick:
                _roomModeration.Kick(member, kick);
                break;
            case RoomBan ban:
                _roomModeration.Ban(member, ban);
                break;
            case RoomUnban unban:
                _roomModeration.Unban(member, unban);
                break;
            case ListRoomBans bans:
                _roomModeration.ListBans(member, bans);
                break;
            case Mute mute:
                _roomModeration.Mute(member, mute);
                break;
            case Unmute unmute:
                _roomModeration.Unmute(member, unmute);
                break;
            case SetMode mode:
                _roomModeration.SetMode(member, mode);
                break;
            case Invite invite:
                _roomModeration.Invite(member, invite);
                break;
            case Claim claim:
                _roomModeration.Claim(member, claim);
                break;
        }
    }

    protected override ValueTask OnStoppedAsync()
    {
        _accounts.Stop();
        return default;
    }

    private void PublishView()
    {
        _state.ViewChanged = false;
        _view.Publish(_state.ServerBans.Current(_clock.GetUtcNow().UtcDateTime), _state.Rooms.Where(r => r.Rules.InviteOnly).Select(r => r.Name));
    }

    /// <summary>Keeps a request until the page before it has arrived; more than a send queue of them waiting cuts the member.</summary>
    private void Park(Member member, BrokerMessage message)
    {
        var parked = member.Parked ??= new Queue<BrokerMessage>();
        if (parked.Count >= _state.Options.SendQueueLines)
        {
            _fanOut.Overflow(member);
            return;
        }
        parked.Enqueue(message);
    }

    /// <summary>Handles the parked requests in order, until one of them asks for a page again.</summary>
    private void Unpark(Member member)
    {
        while (!member.AwaitingPage && member.Parked is { Count: > 0 } parked && !member.Overflowed)
        {
            Dispatch(parked.Dequeue());
        }
    }

    /// <summary>Cuts every member whose send queue overflowed; their part lines may overflow others in turn.</summary>
    private void CutOverflowing()
    {
        for (var overflowing = _fanOut.TakeOverflowing(); overflowing.Length > 0; overflowing = _fanOut.TakeOverflowing())
        {
            foreach (var member in overflowing)
            {
                Cut(member, new SessionError(SessionProblem.SendQueueExceeded), SendQueueExceeded);
            }
        }
    }

    private void Cut(Member member, SessionError why, string reason)
    {
        if (_state.Forget(member))
        {
            Log.ClientCut(Logger, member.Id, member.Client.Remote, member.Nick, reason);
            member.Client.Abort(why);
            _membership.LeaveEverywhere(member, reason);
        }
    }
}
