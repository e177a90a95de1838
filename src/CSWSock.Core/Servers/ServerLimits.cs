using System.Diagnostics;
using System.Net;
using CSWSock.Core.Errors;

namespace CSWSock.Core.Servers;

/// <summary>
/// InetServerThrottle's limits (contract §10): clients in all, clients per address, and the
/// minimum milliseconds between two accepted clients; 0 is no limit. A client over a limit is
/// closed at once, with no events. Lowering a limit drops nobody.
/// </summary>
internal sealed class ServerLimits
{
    /// <summary>(UINT)-1: InetServerThrottle leaves that limit as it is.</summary>
    public const uint Unchanged = uint.MaxValue;

    // cswsock11: the largest limits taken, far above what one process can hold open.
    public const uint MaxClientsLimit = 1_000_000;
    public const uint MaxRateMilliseconds = 3_600_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, int> _perAddress = [];
    private uint _maxClients, _maxPerAddress, _rateMilliseconds;
    private long _lastAccepted = long.MinValue;
    private int _clients;

    public ServerLimits(uint maxClients)
    {
        Check(maxClients, MaxClientsLimit, "nMaxClients");
        _maxClients = maxClients;
    }

    public int Clients
    {
        get
        {
            lock (_gate)
                return _clients;
        }
    }

    /// <summary>Every value is checked before any is changed.</summary>
    public void Throttle(uint maxClients, uint maxPerAddress, uint rateMilliseconds)
    {
        if (maxClients != Unchanged)
            Check(maxClients, MaxClientsLimit, "nMaxClients");
        if (maxPerAddress != Unchanged)
            Check(maxPerAddress, MaxClientsLimit, "nMaxClientsPerAddress");
        if (rateMilliseconds != Unchanged)
            Check(rateMilliseconds, MaxRateMilliseconds, "dwConnectionRate");
        lock (_gate)
        {
            if (maxClients != Unchanged)
                _maxClients = maxClients;
            if (maxPerAddress != Unchanged)
                _maxPerAddress = maxPerAddress;
            if (rateMilliseconds != Unchanged)
                _rateMilliseconds = rateMilliseconds;
        }
    }

    /// <summary>Counts the client from <paramref name="address"/> in, unless that goes over a limit (then false).</summary>
    public bool TryAdmit(IPAddress address)
    {
        long now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            int fromAddress = _perAddress.GetValueOrDefault(address);
            if ((_maxClients != 0 && _clients >= _maxClients) ||
                (_maxPerAddress != 0 && fromAddress >= _maxPerAddress) ||
                (_rateMilliseconds != 0 && _lastAccepted != long.MinValue &&
                 Stopwatch.GetElapsedTime(_lastAccepted, now).TotalMilliseconds < _rateMilliseconds))
                return false;
            _lastAccepted = now;
            _clients++;
            _perAddress[address] = fromAddress + 1;
            return true;
        }
    }

    /// <summary>An admitted client has gone; true when it was the last.</summary>
    public bool Leave(IPAddress address)
    {
        lock (_gate)
        {
            if (_perAddress.GetValueOrDefault(address) <= 1)
                _perAddress.Remove(address);
            else
                _perAddress[address]--;
            return --_clients == 0;
        }
    }

    private static void Check(uint value, uint limit, string what)
    {
        if (value > limit)
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER, $"{what} {value} is over {limit}");
    }
}
