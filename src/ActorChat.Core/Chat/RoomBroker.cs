using ActorChat.Core.Actors;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Chat.Handlers;
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
/// What is said is posted to the store (<see cref="StoreLink"/>), never waited for on the pump.
/// </summary>
internal sealed class RoomBroker : Actor<BrokerMessage>, IChatBroker
{
    private const int MailboxCapacity = 8192;
    private const string SendQueueExceeded = "send queue exceeded";

    private readonly ChatState _state;
    private readonly FanOut _fanOut;
    private readonly Membership _membership;
    private readonly Registration _registration;
    private readonly RoomCommands _rooms;
    private readonly Messaging _messaging;
    private readonly Queries _queries;
    private readonly StoreLink _store;

    public RoomBroker(IOptions<ChatOptions> options, IRoomMirror mirror, IChatStore store, ILogger<RoomBroker> logger)
        : base(logger, MailboxCapacity, batchSize: 256)
    {
        _store = new StoreLink(store, PostBack, logger);
        _state = new ChatState(options.Value, durable: _store.Enabled, roomMade: _store.SaveRoom);
        _fanOut = new FanOut(mirror, options.Value);
        _membership = new Membership(_state, _fanOut);
        _registration = new Registration(_state, _fanOut, _membership, logger);
        _rooms = new RoomCommands(_state, _fanOut, _membership);
        _messaging = new Messaging(_state, _fanOut, _store);
        _queries = new Queries(_state, _fanOut, _store);
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
        }
    }

    private void Dispatch(BrokerMessage message)
    {
        if (message is Connected { Client: var client })
        {
            _registration.Greet(_state.Add(client));
            return;
        }
        if (_state.Find(message.Client) is not { } member)
        {
            return;     // gone already (quit, cut): what it sent after that is moot
        }
        if (member.AwaitingPage && message is Request or Relay)
        {
            Park(member, message);
            return;
        }
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
        }
        if (member.Nick is null)
        {
            _fanOut.Deliver(member, new Refused(intent, Problem.NotRegistered));
            return;
        }
        switch (intent)
        {
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
            case Say say:
                _messaging.Say(member, say);
                break;
            case Act act:
                _messaging.Act(member, act);
                break;
            case SendPrivate pm:
                _messaging.SendPrivate(member, pm);
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
        }
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
                if (_state.Forget(member))
                {
                    Log.ClientCut(Logger, member.Id, member.Client.Remote, member.Nick, SendQueueExceeded);
                    member.Client.Abort(new SessionError(SessionProblem.SendQueueExceeded));
                    _membership.LeaveEverywhere(member, SendQueueExceeded);
                }
            }
        }
    }
}
