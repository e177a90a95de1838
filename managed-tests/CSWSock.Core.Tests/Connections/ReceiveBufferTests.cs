using CSWSock.Core.Connections;

namespace CSWSock.Core.Tests.Connections;

public class ReceiveBufferTests
{
    private static byte[] Bytes(int count, int seed = 0) => Enumerable.Range(seed, count).Select(i => (byte)(i * 7 + 3)).ToArray();

    private static void Append(ReceiveBuffer buffer, ReadOnlySpan<byte> data)
    {
        data.CopyTo(buffer.Reserve(data.Length));
        buffer.Commit(data.Length);
    }

    private static byte[] TakeAll(ReceiveBuffer buffer)
    {
        var taken = new byte[buffer.Count];
        Assert.That(buffer.Take(taken), Is.EqualTo(taken.Length));
        return taken;
    }

    [Test]
    public void New_IsEmpty()
    {
        var buffer = new ReceiveBuffer();

        Assert.That(buffer.Count, Is.Zero);
        Assert.That(buffer.Take(new byte[8]), Is.Zero);
    }

    [Test]
    public void Reserve_OffersAtLeastTheSizeAsked() =>
        Assert.That(new ReceiveBuffer().Reserve(10_000).Length, Is.GreaterThanOrEqualTo(10_000));

    [Test]
    public void ReserveAndCommit_MakeTheBytesAvailableInOrder()
    {
        var buffer = new ReceiveBuffer();

        Append(buffer, "abc"u8);
        Append(buffer, "def"u8);

        Assert.That(buffer.Count, Is.EqualTo(6));
        Assert.That(buffer.Data.ToArray(), Is.EqualTo("abcdef"u8.ToArray()));
    }

    [Test]
    public void Reserve_WithoutCommit_AddsNothing()
    {
        var buffer = new ReceiveBuffer();
        Append(buffer, "abc"u8);

        "zzz"u8.CopyTo(buffer.Reserve(3));

        Assert.That(buffer.Data.ToArray(), Is.EqualTo("abc"u8.ToArray()));
    }

    [Test]
    public void Take_SmallerDestination_TakesTheFirstBytesAndKeepsTheRest()
    {
        var buffer = new ReceiveBuffer();
        Append(buffer, "abcdef"u8);
        var first = new byte[4];

        Assert.That(buffer.Take(first), Is.EqualTo(4));
        Assert.That(first, Is.EqualTo("abcd"u8.ToArray()));
        Assert.That(TakeAll(buffer), Is.EqualTo("ef"u8.ToArray()));
    }

    [Test]
    public void Peek_CopiesWithoutConsuming()
    {
        var buffer = new ReceiveBuffer();
        Append(buffer, "abc"u8);
        var peeked = new byte[8];

        Assert.That(buffer.Peek(peeked), Is.EqualTo(3));
        Assert.That(peeked[..3], Is.EqualTo("abc"u8.ToArray()));
        Assert.That(buffer.Count, Is.EqualTo(3));
        Assert.That(TakeAll(buffer), Is.EqualTo("abc"u8.ToArray()));
    }

    [Test]
    public void Consume_DropsTheFirstBytes()
    {
        var buffer = new ReceiveBuffer();
        Append(buffer, "abcdef"u8);

        buffer.Consume(2);

        Assert.That(buffer.Data.ToArray(), Is.EqualTo("cdef"u8.ToArray()));
    }

    [Test]
    public void Reserve_PastTheInitial4096Bytes_GrowsAndKeepsEveryByte()
    {
        var buffer = new ReceiveBuffer();
        var first = Bytes(4096, 1);
        var second = Bytes(4096, 2);
        var third = Bytes(100, 3);

        Append(buffer, first);
        Append(buffer, second);
        Append(buffer, third);

        Assert.That(buffer.Count, Is.EqualTo(8292));
        Assert.That(TakeAll(buffer), Is.EqualTo(first.Concat(second).Concat(third).ToArray()));
    }

    [Test]
    public void Reserve_WhenOnlyTheFrontIsFree_MovesTheBytesAndKeepsThem()
    {
        var buffer = new ReceiveBuffer();
        var first = Bytes(4000, 1);
        Append(buffer, first);
        buffer.Consume(3900);
        var more = Bytes(1000, 2);

        Append(buffer, more);

        Assert.That(TakeAll(buffer), Is.EqualTo(first[3900..].Concat(more).ToArray()));
    }

    [Test]
    public void TakingEverything_ThenAppending_StartsAgainInOrder()
    {
        var buffer = new ReceiveBuffer();
        Append(buffer, "abc"u8);
        TakeAll(buffer);

        Append(buffer, "def"u8);

        Assert.That(TakeAll(buffer), Is.EqualTo("def"u8.ToArray()));
    }

    [Test]
    public void Clear_DropsEverything()
    {
        var buffer = new ReceiveBuffer();
        Append(buffer, "abc"u8);

        buffer.Clear();

        Assert.That(buffer.Count, Is.Zero);
    }

    [Test]
    public void ManySmallSteps_KeepEveryByteInOrder()
    {
        var buffer = new ReceiveBuffer();
        var expected = new List<byte>();
        var taken = new List<byte>();
        var random = new Random(1234);
        for (int step = 0; step < 2000; step++)
        {
            switch (random.Next(4))
            {
                case 0 or 1:
                    var data = Bytes(random.Next(1, 3000), step);
                    Append(buffer, data);
                    expected.AddRange(data);
                    break;
                case 2:
                    var part = new byte[random.Next(1, 5000)];
                    taken.AddRange(part[..buffer.Take(part)]);
                    break;
                default:
                    // Look at some, then consume only part of it, as ReadLine does with a line too long.
                    var line = new byte[random.Next(1, 5000)];
                    int count = buffer.Peek(line);
                    int used = random.Next(0, count + 1);
                    taken.AddRange(line[..used]);
                    buffer.Consume(used);
                    break;
            }
        }
        taken.AddRange(TakeAll(buffer));

        Assert.That(taken, Is.EqualTo(expected));
    }
}
