using System.Net;
using ActorChat.Core;
using Microsoft.Extensions.Options;

namespace ActorChat.Server.Admission;

/// <summary>
/// Admits or refuses new connections: <c>MaxConnections</c> in all (never more than fit under the
/// open-file limit), <c>MaxConnectionsPerAddress</c> at once from one address, and
/// <c>MaxNewConnectionsPerAddressPerMinute</c> from one address.
/// </summary>
internal sealed class ConnectionLimiter(IOptions<ChatOptions> options, TimeProvider clock, int? connectionsThatFit = null)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ChatOptions _options = options.Value;

    /// <summary>The connections admitted at once: <c>MaxConnections</c>, or fewer when the open-file limit is lower.</summary>
    public int MaxConnections { get; } = Math.Min(options.Value.MaxConnections, connectionsThatFit ?? int.MaxValue);
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, Address> _addresses = [];
    private int _total;
    private int _sweepAt = 1024;

    private sealed class Address
    {
        public int Open;
        public readonly Queue<long> Recent = new();   // admission times within the window, oldest first
    }

    /// <summary>Connections admitted and not yet released.</summary>
    public int Open
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    /// <summary>Null when admitted (release it later), else the reason for the refusal.</summary>
    public string? TryAdmit(IPAddress address)
    {
        var now = clock.GetTimestamp();
        lock (_gate)
        {
            if (_total >= MaxConnections)
            {
                return $"the server is full ({MaxConnections} connections)";
            }
            if (_addresses.Count >= _sweepAt)
            {
                Sweep(now);
            }
            if (!_addresses.TryGetValue(address, out var state))
            {
                _addresses[address] = state = new Address();
            }
            Forget(state, now);
            if (_options.MaxConnectionsPerAddress > 0 && state.Open >= _options.MaxConnectionsPerAddress)
            {
                return $"{_options.MaxConnectionsPerAddress} connections from your address already";
            }
            if (_options.MaxNewConnectionsPerAddressPerMinute > 0 && state.Recent.Count >= _options.MaxNewConnectionsPerAddressPerMinute)
            {
                return $"more than {_options.MaxNewConnectionsPerAddressPerMinute} new connections a minute from your address";
            }
            if (_options.MaxNewConnectionsPerAddressPerMinute > 0)
            {
                state.Recent.Enqueue(now);
            }
            state.Open++;
            _total++;
            return null;
        }
    }

    public void Release(IPAddress address)
    {
        lock (_gate)
        {
            _total--;
            if (_addresses.TryGetValue(address, out var state) && --state.Open == 0)
            {
                Forget(state, clock.GetTimestamp());
                if (state.Recent.Count == 0)
                {
                    _addresses.Remove(address);
                }
            }
        }
    }

    private void Forget(Address state, long now)
    {
        while (state.Recent.TryPeek(out var then) && clock.GetElapsedTime(then, now) >= Window)
        {
            state.Recent.Dequeue();
        }
    }

    /// <summary>Drops addresses with nothing open and nothing recent, so a scan from many addresses leaves nothing behind.</summary>
    private void Sweep(long now)
    {
        foreach (var (address, state) in _addresses)
        {
            Forget(state, now);
            if (state.Open == 0 && state.Recent.Count == 0)
            {
                _addresses.Remove(address);
            }
        }
        _sweepAt = Math.Max(1024, _addresses.Count * 2);
    }
}
