using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace CSWSock.Core.Events;

// Windows: WSAPoll over the armed sockets, woken by a datagram to a loopback socket of its own when
// a request changes, so that it never polls on a timer. One-shot as on Linux: a socket leaves the
// poll set when it is reported, and comes back when it is armed again.
internal sealed partial class Dispatcher
{
    private const short POLLRDNORM = 0x0100;
    private const short POLLWRNORM = 0x0010;
    private const short POLLERR = 0x0001;
    private const short POLLHUP = 0x0002;

    private readonly Dictionary<ulong, (nint Socket, Readiness Interest)> _armed = [];
    private Socket? _wake;

    private void OpenPollerWindows()
    {
        _wake = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { Blocking = false };
        _wake.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _wake.Connect(_wake.LocalEndPoint!);
    }

    private void AddToPollerWindows(ulong id, nint socket)
    {
        lock (_armed)
            _armed[id] = (socket, Readiness.None);
    }

    private void ArmInPollerWindows(ulong id, Readiness interest)
    {
        lock (_armed)
        {
            if (_armed.TryGetValue(id, out var watch))
                _armed[id] = watch with { Interest = interest };
        }
        Wake();
    }

    private void RemoveFromPollerWindows(ulong id)
    {
        lock (_armed)
            _armed.Remove(id);
        Wake();
    }

    private void Wake() => _wake!.Send([0], SocketFlags.None, out _);

    private IEnumerable<(ulong Id, Readiness Ready)> WaitForReadyWindows()
    {
        List<ulong> ids = [];
        List<PollFd> fds = [new PollFd { Fd = _wake!.Handle, Events = POLLRDNORM }];
        lock (_armed)
        {
            foreach (var (id, (socket, interest)) in _armed)
            {
                if (interest == Readiness.None)
                    continue;
                ids.Add(id);
                fds.Add(new PollFd
                {
                    Fd = socket,
                    Events = (short)(((interest & Readiness.Readable) != 0 ? POLLRDNORM : 0) | ((interest & Readiness.Writable) != 0 ? POLLWRNORM : 0)),
                });
            }
        }
        var set = fds.ToArray();
        if (WSAPoll(set, (uint)set.Length, -1) <= 0)
            return [];
        if (set[0].Revents != 0)
            while (_wake.Available > 0)
                _wake.Receive(new byte[16], SocketFlags.None, out _);
        List<(ulong, Readiness)> ready = [];
        lock (_armed)
        {
            for (int i = 1; i < set.Length; i++)
            {
                short got = set[i].Revents;
                if (got == 0 || !_armed.TryGetValue(ids[i - 1], out var watch))
                    continue;
                var what = ((got & (POLLRDNORM | POLLERR | POLLHUP)) != 0 ? Readiness.Readable : Readiness.None)
                    | ((got & (POLLWRNORM | POLLERR | POLLHUP)) != 0 ? Readiness.Writable : Readiness.None);
                _armed[ids[i - 1]] = watch with { Interest = Readiness.None };
                ready.Add((ids[i - 1], what & watch.Interest));
            }
        }
        return ready;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public nint Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("ws2_32.dll", SetLastError = true)]
    private static extern int WSAPoll([In, Out] PollFd[] fds, uint count, int timeout);
}
