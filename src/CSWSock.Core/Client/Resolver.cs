using System.Net;
using System.Net.Sockets;
using CSWSock.Core.Connections;
using CSWSock.Core.Errors;

namespace CSWSock.Core.Client;

/// <summary>Name resolution through the system resolver (hosts file, then DNS), within a deadline.</summary>
internal static class Resolver
{
    /// <summary>
    /// The host's addresses, IPv4 before IPv6 (IPv6 first when <paramref name="preferIPv6"/>), each
    /// family in the resolver's order, keeping only <paramref name="family"/> unless it is
    /// Unspecified. glibc sorts by RFC 6724, which puts ::1 before 127.0.0.1; the library's default
    /// family is IPv4 (INET_ADDRESS_DEFAULT), and INET_OPTION_PREFER_IPV6 is what asks for IPv6 first.
    /// </summary>
    public static IReadOnlyList<IPAddress> Resolve(HostName host, Deadline deadline, bool preferIPv6, AddressFamily family = AddressFamily.Unspecified)
    {
        var addresses = (host.Literal is { } literal ? [literal] : Lookup(host.Ascii, deadline))
            .Select(address => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)
            .Where(address => address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            .Where(address => family == AddressFamily.Unspecified || address.AddressFamily == family)
            .Distinct()
            .OrderBy(address => address.AddressFamily == (preferIPv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork) ? 0 : 1)
            .ToList();
        if (addresses.Count == 0)
            throw new InetException(host.Literal is null ? ErrorCode.ST_ERROR_NO_DATA : ErrorCode.ST_ERROR_ADDRESS_FAMILY_NOT_SUPPORTED);
        return addresses;
    }

    /// <summary>
    /// With a deadline, the lookup runs on a pool thread and the caller waits for it at most until
    /// the deadline; one that outlives it finishes in the background and is dropped. (.NET's own
    /// asynchronous lookup on Linux is getaddrinfo_a, which starts threads for every call and cost
    /// several times the lookup itself.)
    /// </summary>
    private static IPAddress[] Lookup(string name, Deadline deadline)
    {
        if (deadline.IsNever)
            return Dns.GetHostAddresses(name);
        var lookup = Task.Run(() => Dns.GetHostAddresses(name));
        while (!Finished(lookup, deadline))
        {
            if (deadline.HasExpired)
                throw new InetException(ErrorCode.ST_ERROR_OPERATION_TIMEOUT, $"resolving {name} took longer than the timeout");
        }
        return lookup.GetAwaiter().GetResult(); // the resolver's own exception, not an AggregateException
    }

    private static bool Finished(Task lookup, Deadline deadline)
    {
        var wait = deadline.Remaining;
        try
        {
            return lookup.Wait(wait < MaxWait ? wait : MaxWait);
        }
        catch (AggregateException)
        {
            return true; // failed: GetResult reports why
        }
    }

    // Task.Wait takes at most int.MaxValue milliseconds; a longer timeout waits again.
    private static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(int.MaxValue);
}
