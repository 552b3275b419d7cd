using ActorChat.Server.Tests.Support;
using OpenQA.Selenium;

namespace ActorChat.Server.Tests.Web;

/// <summary>Installs Debian's Chromium and chromedriver for <see cref="BrowserTests"/> when they are missing and it may.</summary>
public sealed class BrowserTools
{
    public BrowserTools()
    {
        if (SystemTools.SkipReason(["chromium", "chromedriver"]) is null)
        {
            SystemTools.Ensure(("chromium", "chromium"), ("chromedriver", "chromium-driver"));
        }
    }
}

/// <summary>
/// The web client in a real browser (headless Chromium) against a real server, with a line-protocol
/// user (as nc or telnet would be) on the other side. Each test leaves a screenshot in screenshots/.
/// </summary>
[Collection(Serial.Name)]
public sealed partial class BrowserTests : IClassFixture<BrowserTools>
{
    private static Task<TestServer> StartAsync(params string[] settings) => TestServer.StartAsync(["Chat:HttpPort=0", .. settings]);

    /// <summary>Opens the page and waits until it is connected (the nick field has the focus then).</summary>
    private static async Task OpenAsync(Browser browser, Uri page)
    {
        browser.Open(page);
        await browser.UntilAsync(() => browser.Find("#status").Text == "Connected", "the page to connect");
    }

    /// <summary>Opens the page, chooses <paramref name="nick"/> and waits for the chat.</summary>
    private static async Task LoginAsync(Browser browser, TestServer server, string nick)
    {
        await OpenAsync(browser, server.Http);
        browser.Find("#nick").SendKeys(nick + Keys.Enter);
        await browser.UntilAsync(() => browser.Find("#chat").Displayed, "the chat to show");
    }

    private static void Say(Browser browser, string line) => browser.Find("#input").SendKeys(line + Keys.Enter);

    [FactNeeding("chromium", "chromedriver")]
    public async Task A_person_with_a_browser_chats_with_an_nc_user_both_ways_and_joins_a_room()
    {
        await using var server = await StartAsync();
        var alice = await server.LoginAsync("alice");
        using var browser = new Browser();
        await LoginAsync(browser, server, "webby");
        await alice.ExpectAsync("#lobby -> webby joined");
        await browser.UntilAsync(() => browser.FindAll("#members li").Any(m => m.Text == "alice"), "alice in the member list");

        Say(browser, "hello from the browser");
        await alice.ExpectAsync("#lobby <webby> hello from the browser");
        await alice.SendAsync("hello webby, from nc");
        await browser.MessageAsync("alice: hello webby, from nc");
        Assert.Contains("mention", browser.FindAll("#messages li").Last().GetAttribute("class"), StringComparison.Ordinal);
        browser.Screenshot("web-client");

        Say(browser, "/join dev");
        await browser.UntilAsync(() => browser.FindAll("#rooms button[aria-current=true]").Any(b => b.Text.StartsWith("#dev", StringComparison.Ordinal)), "#dev to be the room on screen");
        await alice.SendAsync("/join dev");
        await browser.MessageAsync("alice joined");
        // Tab completes a nick from the member list.
        browser.Find("#input").SendKeys("al" + Keys.Tab);
        Assert.Equal("alice: ", browser.Find("#input").GetAttribute("value"));
        browser.Find("#input").SendKeys("welcome to #dev" + Keys.Enter);
        await alice.ExpectAsync("#dev <webby> alice: welcome to #dev");
        await alice.SendAsync("/msg #lobby back in the lobby");
        await browser.UntilAsync(() => browser.FindAll("#rooms .unread").Any(u => u.Text == "1"), "an unread count on #lobby");
        browser.Screenshot("rooms-and-unread");
    }

    [FactNeeding("chromium", "chromedriver")]
    public async Task History_is_shown_on_join()
    {
        await using var server = await StartAsync();
        var alice = await server.LoginAsync("alice");
        await alice.SendAsync("said before the browser came");
        await alice.SendAsync("/me waves from the past");
        await alice.SendAsync("/ping sync");
        await alice.ExpectAsync("* pong sync");
        using var browser = new Browser();
        await LoginAsync(browser, server, "late");
        await browser.MessageAsync("alice: said before the browser came");
        await browser.MessageAsync("* alice waves from the past");
        browser.Screenshot("history-on-join");
    }

    [FactNeeding("chromium", "chromedriver")]
    public async Task A_script_injection_is_shown_as_plain_text()
    {
        await using var server = await StartAsync();
        var mallory = await server.LoginAsync("mallory");
        using var browser = new Browser();
        await LoginAsync(browser, server, "victim");
        await mallory.ExpectAsync("#lobby -> victim joined");
        const string Attack = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script><b>bold</b>";
        await mallory.SendAsync(Attack);
        await browser.MessageAsync($"mallory: {Attack}");
        Assert.Empty(browser.FindAll("#messages img, #messages script, #messages b"));
        Assert.Equal("ActorChat", browser.Driver.Title);
        // The policy the page is served with forbids inline script, as a second wall.
        browser.Driver.ExecuteScript("const s = document.createElement('script'); s.textContent = 'window.inlineRan = true'; document.head.append(s);");
        Assert.Null(browser.Driver.ExecuteScript("return window.inlineRan"));
        browser.Screenshot("script-injection");
    }

    [FactNeeding("chromium", "chromedriver")]
    public async Task The_page_reconnects_after_the_server_restarts_and_says_what_it_is_doing()
    {
        var first = await StartAsync();
        var (port, httpPort) = (first.Port, first.HttpPort);
        using var browser = new Browser();
        await LoginAsync(browser, first, "phoenix");
        await first.StopAsync();
        await first.DisposeAsync();
        await browser.UntilAsync(() => browser.Find("#status").Text.Contains("reconnecting in", StringComparison.Ordinal), "the page to say it will reconnect");
        browser.Screenshot("reconnecting");

        await using var second = await StartAsync($"Chat:Port={port}", $"Chat:HttpPort={httpPort}");
        await browser.UntilAsync(() => browser.Find("#status").Text == "Connected", "the page to connect again");
        var alice = await second.LoginAsync("alice");
        await alice.SendAsync("/who");
        await alice.ExpectAsync(l => l.StartsWith("* #lobby (2 users)", StringComparison.Ordinal) && l.Contains("phoenix", StringComparison.Ordinal));
        Say(browser, "I am back");
        await alice.ExpectAsync("#lobby <phoenix> I am back");
        browser.Screenshot("reconnected");
    }

    [FactNeeding("chromium", "chromedriver")]
    public async Task At_phone_width_the_page_is_usable_from_the_keyboard_alone()
    {
        await using var server = await StartAsync();
        var alice = await server.LoginAsync("alice");
        using var browser = new Browser(width: 390, height: 800);
        await OpenAsync(browser, server.Http);
        // The nick field has the focus on load; Enter submits; the message line has it next.
        browser.Type("thumbs" + Keys.Enter);
        await browser.UntilAsync(() => browser.Find("#chat").Displayed, "the chat to show");
        browser.Type("typed without a mouse" + Keys.Enter);
        await alice.ExpectAsync(l => l == "#lobby <thumbs> typed without a mouse");
        var page = browser.Driver.ExecuteScript("return document.documentElement.scrollWidth <= window.innerWidth");
        Assert.Equal(true, page);
        browser.Screenshot("phone-width");
    }

    [FactNeeding("chromium", "chromedriver")]
    public async Task The_page_follows_the_systems_light_or_dark_preference()
    {
        await using var server = await StartAsync();
        using var browser = new Browser();
        await LoginAsync(browser, server, "owl");
        var light = browser.Driver.ExecuteScript("return getComputedStyle(document.body).backgroundColor");
        browser.Driver.ExecuteCdpCommand("Emulation.setEmulatedMedia", new Dictionary<string, object?>
        {
            ["features"] = new[] { new Dictionary<string, string> { ["name"] = "prefers-color-scheme", ["value"] = "dark" } },
        });
        var dark = browser.Driver.ExecuteScript("return getComputedStyle(document.body).backgroundColor");
        Assert.Equal("rgb(253, 253, 252)", light);
        Assert.Equal("rgb(23, 24, 26)", dark);
        browser.Screenshot("dark");
    }
}
