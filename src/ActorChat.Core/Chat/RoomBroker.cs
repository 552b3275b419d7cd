using ActorChat.Core.Actors;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Chat.Handlers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorChat.Core.Chat;

/// <summary>
/// The room broker: one actor owns nicks, rooms, membership, message ids and history
/// (<see cref="ChatState"/>), all touched by its pump alone, so every member of a room sees that
/// room's events in one order. It takes typed intents from every front end and answers with typed
/// events; it never awaits a member: one whose send queue is full is cut (<c>send queue exceeded</c>).
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

    public RoomBroker(IOptions<ChatOptions> options, IRoomMirror mirror, ILogger<RoomBroker> logger)
        : base(logger, MailboxCapacity, batchSize: 256)
    {
        _state = new ChatState(options.Value);
        _fanOut = new FanOut(mirror, options.Value);
        _membership = new Membership(_state, _fanOut);
        _registration = new Registration(_state, _fanOut, _membership, logger);
        _rooms = new RoomCommands(_state, _fanOut, _membership);
        _messaging = new Messaging(_state, _fanOut);
        _queries = new Queries(_state, _fanOut);
    }

    /// <summary>For tests and metrics: the state, to be read only on the pump or after it has stopped.</summary>
    internal ChatState State => _state;

    public ValueTask PostAsync(BrokerMessage message, CancellationToken cancellationToken = default) =>
        Mailbox.WriteAsync(message, cancellationToken);

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
        switch (message)
        {
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
            case PartAll partAll:
                _rooms.PartAll(member, partAll);
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
            case CountUsers:
                _queries.CountUsers(member);
                break;
            case LookUp lookUp:
                _queries.LookUp(member, lookUp);
                break;
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
