using System.Net;
using System.Text;
using ActorChat.Core.Chat;
using ActorChat.Server.Udp;

namespace ActorChat.Server.Tests.Udp;

public class UdpProtocolTests
{
    private static readonly UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);

    [Fact]
    public void A_short_line_is_sent_whole_behind_its_sequence_number()
    {
        var buffer = new byte[1200];
        var n = MirrorDatagram.Write(buffer, 42, "#lobby <bob> hi"u8);
        Assert.Equal("42 #lobby <bob> hi", Encoding.UTF8.GetString(buffer, 0, n));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("你")]
    [InlineData("é")]
    [InlineData("🎉")]
    public void A_long_line_is_cut_at_a_character_boundary_and_ends_with_an_ellipsis(string unit)
    {
        var line = Encoding.UTF8.GetBytes("#lobby <bob> " + string.Concat(Enumerable.Repeat(unit, 2000)));
        for (var max = 64; max <= 1200; max += 7)
        {
            var buffer = new byte[max];
            var n = MirrorDatagram.Write(buffer, 123456, line);
            Assert.True(n <= max);
            var text = Strict.GetString(buffer, 0, n);     // throws on a cut character
            Assert.StartsWith("123456 #lobby <bob> ", text, StringComparison.Ordinal);
            Assert.EndsWith("…", text, StringComparison.Ordinal);
            Assert.True(n > max - 4 - Encoding.UTF8.GetByteCount(unit), $"cut too short: {n} of {max}");
        }
    }

    [Fact]
    public void A_line_that_just_fits_is_not_cut()
    {
        var line = Encoding.ASCII.GetBytes(new string('a', 1198));
        var buffer = new byte[1200];
        Assert.Equal(1200, MirrorDatagram.Write(buffer, 1, line));
        Assert.DoesNotContain("…", Encoding.UTF8.GetString(buffer), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cookie_is_valid_for_its_listener_and_room_for_at_least_two_minutes()
    {
        var cookies = new UdpCookies();
        var listener = new IPEndPoint(IPAddress.Loopback, 5000);
        var now = DateTimeOffset.UtcNow;
        var cookie = cookies.Issue(listener, "lobby", now);

        Assert.Equal(8, cookie.Length);
        Assert.True(cookies.IsValid(cookie, listener, "lobby", now));
        Assert.True(cookies.IsValid(cookie, listener, "LOBBY", now.AddMinutes(2)));
        Assert.False(cookies.IsValid(cookie, listener, "lobby", now.AddMinutes(4.01)));
        Assert.False(cookies.IsValid(cookie, new IPEndPoint(IPAddress.Loopback, 5001), "lobby", now));
        Assert.False(cookies.IsValid(cookie, new IPEndPoint(IPAddress.Parse("127.0.0.2"), 5000), "lobby", now));
        Assert.False(cookies.IsValid(cookie, listener, "dev", now));
        Assert.False(cookies.IsValid("AAAAAAAA", listener, "lobby", now));
        Assert.False(cookies.IsValid("", listener, "lobby", now));
    }
}
