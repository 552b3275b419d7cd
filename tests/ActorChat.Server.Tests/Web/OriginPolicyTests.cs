using ActorChat.Server.Web;
using Microsoft.AspNetCore.Http;

namespace ActorChat.Server.Tests.Web;

public sealed class OriginPolicyTests
{
    private static bool Allows(string setting, string? origin, string host = "chat.example:8080", string scheme = "http")
    {
        Assert.True(OriginPolicy.TryParse(setting, out var policy));
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        context.Request.Host = new HostString(host);
        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }
        return policy.Allows(context.Request);
    }

    [Theory]
    [InlineData("http://chat.example:8080", true)]
    [InlineData("HTTP://Chat.Example:8080", true)]
    [InlineData("http://chat.example:8081", false)]
    [InlineData("https://chat.example:8080", false)]
    [InlineData("http://evil.example:8080", false)]
    [InlineData("null", false)]
    [InlineData(null, true)]
    public void By_default_only_the_servers_own_origin_may_open_ws(string? origin, bool allowed) => Assert.Equal(allowed, Allows("", origin));

    [Fact]
    public void The_default_port_of_a_scheme_is_the_same_origin_written_or_not()
    {
        Assert.True(Allows("", "https://chat.example", host: "chat.example", scheme: "https"));
        Assert.True(Allows("https://chat.example:443", "https://chat.example"));
    }

    [Fact]
    public void A_list_allows_its_origins_and_star_allows_all()
    {
        Assert.True(Allows("https://a.example, http://b.example:3000", "http://b.example:3000"));
        Assert.False(Allows("https://a.example", "http://chat.example:8080"));
        Assert.True(Allows("*", "http://anything.example"));
    }

    [Theory]
    [InlineData("not an origin")]
    [InlineData("ftp://files.example")]
    [InlineData("https://a.example/path")]
    public void A_bad_setting_is_refused(string setting) => Assert.False(OriginPolicy.TryParse(setting, out _));
}
