using ActorChat.Core.Storage;
using ActorChat.Server.Tests.Support;
using OpenQA.Selenium;

namespace ActorChat.Server.Tests.Web;

/// <summary>The page with accounts, operators, topics and paged history (issues 11 and 13), in real Chromium.</summary>
public sealed partial class BrowserTests
{
    private const string Password = "secret-" + "pw";

    /// <summary>Everything the page shows or holds in a field: a password must be in none of it.</summary>
    private static string PageText(Browser browser) => (string)browser.Driver.ExecuteScript(
        "return document.body.innerText + '\\n' + [...document.querySelectorAll('input')].map(i => i.value).join('\\n')")!;

    private static Task UntilMembersAsync(Browser browser, string what, params string[] members) =>
        browser.UntilAsync(() => browser.FindAll("#members li").Select(m => m.Text).SequenceEqual(members), $"{what}: members {string.Join(' ', members)}");

    /// <summary>Opens the page and chooses the registered nick alice: the password field shows.</summary>
    private static async Task AskedForAlicesPasswordAsync(Browser browser, TestServer server)
    {
        await OpenAsync(browser, server.Http);
        browser.Type("alice" + Keys.Enter);
        await browser.UntilAsync(() => browser.Find("#password").Displayed, "the password field");
    }

    /// <summary>alice opens #dev (its operator); webby joins it from the page.</summary>
    private static async Task<TestClient> WebbyJoinsAlicesDevAsync(TestServer server, Browser browser, params string[] aliceFirst)
    {
        var alice = await server.LoginAsync("alice");
        await alice.SendAsync("/join dev");
        foreach (var line in aliceFirst)
        {
            await alice.SendAsync(line);
        }
        await alice.SyncAsync();
        await LoginAsync(browser, server, "webby");
        Say(browser, "/join dev");
        await alice.ExpectAsync("#dev -> webby joined");
        return alice;
    }

    [FactNeeding("chromium", "chromedriver")]
    public async Task A_registered_nick_logs_in_with_its_password_and_the_password_is_never_shown_or_kept()
    {
        await using var server = await StartAsync();
        await server.RegisterAndLeaveAsync("alice");
        var bob = await server.LoginAsync("bob");
        using var browser = new Browser();
        await AskedForAlicesPasswordAsync(browser, server);
        Assert.Equal("password", browser.Find("#password").GetAttribute("type"));
        Assert.Contains("alice is registered", browser.Find("#password-for").Text, StringComparison.Ordinal);

        // The password field has the focus: a wrong password is said clearly and the field is emptied.
        browser.Type("not-the-pw" + Keys.Enter);
        await browser.UntilAsync(() => browser.Find("#login-error").Text == "Wrong password for alice.", "the wrong password to be told");
        Assert.Equal("", browser.Find("#password").GetAttribute("value"));
        browser.Screenshot("login-wrong-password");

        browser.Type(Password + Keys.Enter);
        await browser.UntilAsync(() => browser.Find("#chat").Displayed, "the chat to show");
        await browser.MessageAsync("you are identified as alice");
        await bob.ExpectAsync("#lobby -> alice joined");
        Say(browser, "hello, it is really me");
        await bob.ExpectAsync("#lobby <alice> hello, it is really me");
        // An account command typed in the input line is sent but not kept in its history.
        Say(browser, $"/identify alice {Password}");
        await browser.UntilAsync(() => browser.FindAll("#messages li").Count(li => li.Text.EndsWith("you are identified as alice", StringComparison.Ordinal)) == 2, "the second identification");
        browser.Find("#input").SendKeys(Keys.ArrowUp);
        Assert.Equal("hello, it is really me", browser.Find("#input").GetAttribute("value"));
        browser.Find("#input").Clear();
        Assert.DoesNotContain(Password, PageText(browser), StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-pw", PageText(browser), StringComparison.Ordinal);
        browser.Screenshot("login-identified");
    }

    [FactNeeding("chromium", "chromedriver")]
    public async Task After_a_restart_an_identified_page_logs_in_again_by_itself()
    {
        var store = new MemoryModerationStore();
        var first = await TestServer.StartAsync(null, store, "Chat:HttpPort=0");
        var (port, httpPort) = (first.Port, first.HttpPort);
        await first.RegisterAndLeaveAsync("alice");
        using var browser = new Browser();
        await AskedForAlicesPasswordAsync(browser, first);
        browser.Type(Password + Keys.Enter);
        await browser.MessageAsync("you are identified as alice");
        await first.StopAsync();
        await first.DisposeAsync();
        await browser.UntilAsync(() => browser.Find("#status").Text.Contains("reconnecting in", StringComparison.Ordinal), "the page to say it will reconnect");

        await using var second = await TestServer.StartAsync(null, store, $"Chat:Port={port}", $"Chat:HttpPort={httpPort}");
        await browser.UntilAsync(() => browser.FindAll("#messages li").Count(li => li.Text.EndsWith("you are identified as alice", StringComparison.Ordinal)) == 2, "the page to identify again");
        Assert.True(browser.Find("#chat").Displayed);
        var bob = await second.LoginAsync("bob");
        await bob.SendAsync("/whois alice");
        await bob.ExpectAsync(l => l.StartsWith("* whois alice: identified as alice;", StringComparison.Ordinal));
        Assert.DoesNotContain(Password, PageText(browser), StringComparison.Ordinal);
    }

    [FactNeeding("chromium", "chromedriver")]
    public async Task A_killed_page_and_one_logged_in_elsewhere_say_why_and_stay_closed()
    {
        await using var server = await StartAsync("Chat:Operators=root");
        var root = await server.LoginRegisteredAsync("root");
        using (var browser = new Browser())
        {
            await LoginAsync(browser, server, "webby");
            await root.ExpectAsync("#lobby -> webby joined");
            await root.SendAsync("/kill webby spam");
            await browser.UntilAsync(() => browser.Find("#status").Text == "Disconnected: killed by root: spam. Reload the page to chat again.", "the kill to be told");
            browser.Screenshot("killed");
        }

        // Coming back with the kept password would close the other connection, which would come back in turn.
        await server.RegisterAndLeaveAsync("alice");
        using var page = new Browser();
        await AskedForAlicesPasswordAsync(page, server);
        page.Type(Password + Keys.Enter);
        await page.MessageAsync("you are identified as alice");
        var alice = await server.IdentifyAsync("alice");
        await page.UntilAsync(() => page.Find("#status").Text == "Disconnected: alice logged in from another connection. Reload the page to chat again.", "the takeover to be told");
        await alice.SendAsync("/whois alice");
        await alice.ExpectAsync(l => l.StartsWith("* whois alice: identified as alice;", StringComparison.Ordinal) && l.Contains("over tcp", StringComparison.Ordinal));
        Assert.False(page.Find("#status").Text.Contains("reconnecting", StringComparison.Ordinal));
    }

    [FactNeeding("chromium", "chromedriver")]
    public async Task Too_many_failed_logins_are_told_with_a_countdown_and_another_nick_still_works()
    {
        await using var server = await StartAsync("Chat:FailedLoginsPerMinute=2");
        await server.RegisterAndLeaveAsync("alice");
        using var browser = new Browser();
        await AskedForAlicesPasswordAsync(browser, server);
        browser.Type("wrong-one" + Keys.Enter);
        await browser.UntilAsync(() => browser.Find("#login-error").Text == "Wrong password for alice.", "the first refusal");
        browser.Find("#password").SendKeys("wrong-two" + Keys.Enter);
        await browser.UntilAsync(() => browser.Find("#login-error").Text == "Wrong password for alice." && browser.Find("#password").GetAttribute("value") == "", "the second refusal");
        browser.Find("#password").SendKeys("wrong-three" + Keys.Enter);
        await browser.UntilAsync(() => browser.Find("#login-error").Text.StartsWith("Too many failed logins: try again in ", StringComparison.Ordinal), "the lock-out to be told");
        Assert.False(browser.Find("#login-submit").Enabled);
        browser.Screenshot("login-too-many-failures");

        // Choosing another nick leaves the password step, and the chat opens.
        var nick = browser.Find("#nick");
        nick.Clear();
        nick.SendKeys("alicia" + Keys.Enter);
        await browser.UntilAsync(() => browser.Find("#chat").Displayed, "the chat to show");
        Assert.DoesNotContain("wrong-", PageText(browser), StringComparison.Ordinal);
    }

    [FactNeeding("chromium", "chromedriver")]
    public async Task Operators_are_marked_and_the_list_follows_ops_parts_kicks_and_a_founders_return()
    {
        await using var server = await StartAsync();
        using var browser = new Browser();
        var alice = await WebbyJoinsAlicesDevAsync(server, browser);
        await UntilMembersAsync(browser, "the first member of #dev marked", "@alice", "webby");
        Assert.Equal("room operator", browser.Find("#members .op").GetAttribute("title"));

        await alice.SendAsync("/op webby");
        await UntilMembersAsync(browser, "webby made operator", "@alice", "@webby");
        await browser.MessageAsync("alice sets mode +o webby");
        browser.Screenshot("operators");
        await alice.SendAsync("/deop webby");
        await UntilMembersAsync(browser, "webby no longer operator", "@alice", "webby");

        var bob = await server.LoginAsync("bob");
        await bob.SendAsync("/join dev");
        await UntilMembersAsync(browser, "bob in", "@alice", "bob", "webby");
        await alice.SendAsync("/kick bob <b>spam</b>");
        await UntilMembersAsync(browser, "bob kicked", "@alice", "webby");
        await browser.MessageAsync("bob was kicked by alice (<b>spam</b>)");
        Assert.Empty(browser.FindAll("#messages b"));

        // An operator who leaves loses the mark; a founder coming back is an operator without a mode line, and is marked too.
        await alice.SendAsync($"/register {Password}");
        await alice.SendAsync("/claim");
        await alice.ExpectAsync("* #dev is claimed: your account is its founder");
        await alice.SendAsync("/part dev");
        await UntilMembersAsync(browser, "alice gone", "webby");
        Say(browser, "/who");
        await browser.MessageAsync("#dev: webby");
        await alice.SendAsync("/join dev");
        await UntilMembersAsync(browser, "the founder back", "@alice", "webby");
        await alice.SendAsync("/kick webby out you go");
        await browser.MessageAsync("you were kicked from #dev by alice (out you go)");
        Assert.DoesNotContain(browser.FindAll("#rooms button"), b => b.Text.StartsWith("#dev", StringComparison.Ordinal));
        browser.Screenshot("kicked");
    }

    [FactNeeding("chromium", "chromedriver")]
    public async Task The_topic_is_shown_on_join_follows_changes_and_mode_changes_are_system_lines()
    {
        await using var server = await StartAsync();
        using var browser = new Browser();
        var alice = await WebbyJoinsAlicesDevAsync(server, browser, "/topic Release on Friday");
        await browser.UntilAsync(() => browser.Find("#topic").Displayed && browser.Find("#topic").Text == "Release on Friday", "the topic above the messages");
        Assert.Equal("set by alice", browser.Find("#topic").GetAttribute("title"));
        await browser.MessageAsync("topic: Release on Friday (set by alice)");
        browser.Screenshot("topic");

        await alice.SendAsync("/topic <i>Ship</i> it");
        await browser.UntilAsync(() => browser.Find("#topic").Text == "<i>Ship</i> it", "the new topic, as text");
        await browser.MessageAsync("alice set the topic: <i>Ship</i> it");
        Assert.Empty(browser.FindAll("#topic i, #messages i"));
        await alice.SendAsync("/mode +i");
        await browser.MessageAsync("alice sets mode +i");

        // The lobby has no topic; back in #dev it is there again.
        browser.Find("#rooms li:first-child button").Click();
        await browser.UntilAsync(() => !browser.Find("#topic").Displayed, "no topic in #lobby");
        browser.FindAll("#rooms button").First(b => b.Text.StartsWith("#dev", StringComparison.Ordinal)).Click();
        await browser.UntilAsync(() => browser.Find("#topic").Displayed, "the topic of #dev again");

        await alice.SendAsync("/topic -");
        await browser.MessageAsync("alice cleared the topic");
        await browser.UntilAsync(() => !browser.Find("#topic").Displayed, "the topic gone");
        Say(browser, "/topic");
        await browser.MessageAsync("#dev has no topic");
    }

    [FactNeeding("chromium", "chromedriver")]
    public async Task Scrolling_up_loads_older_pages_from_the_store_until_the_start_and_then_stops()
    {
        using var data = new DataFolder();
        await using var server = await StartAsync([.. data.Settings, "Chat:FloodLinesPerSecond=0", "Chat:HistoryLines=30"]);
        var alice = await server.LoginAsync("alice");
        const int Said = 130;     // 20 on join, then pages of 50, 50 and 10 from the store
        for (var i = 1; i <= Said; i++)
        {
            await alice.SendAsync($"old {i}");
        }
        await alice.SyncAsync();
        using var browser = new Browser(height: 400);
        await LoginAsync(browser, server, "reader");
        await browser.MessageAsync($"alice: old {Said}");

        string[] Said_() => [.. browser.FindAll("#messages li[data-id]").Select(li => li.Text[(li.Text.IndexOf("alice: ", StringComparison.Ordinal) + "alice: ".Length)..])];
        Assert.Equal(20, Said_().Length);
        var list = browser.Find("#messages");
        for (var pages = 0; browser.FindAll("#messages li.divider").Count == 0; pages++)
        {
            Assert.True(pages < 6, "the start of the history never came");
            var before = Said_().Length;
            // The keyboard's Home key in the message list scrolls to the top, which asks for the page before.
            list.SendKeys(Keys.Home);
            await browser.UntilAsync(() => Said_().Length > before || browser.FindAll("#messages li.divider").Count > 0, "an older page or the start");
            await browser.UntilAsync(() => browser.Find("#older").Enabled || !browser.Find("#older").Displayed, "the page to finish");
            browser.Screenshot($"history-page-{pages + 1}");
        }
        Assert.Equal(Enumerable.Range(1, Said).Select(i => $"old {i}"), Said_());
        Assert.Equal("start of #lobby", browser.Find("#messages li").Text);
        Assert.False(browser.Find("#older").Displayed);
        // At the start nothing more is asked for: the marker stays single and the list unchanged.
        list.SendKeys(Keys.End);
        list.SendKeys(Keys.Home);
        await alice.SendAsync("/ping settle");
        await alice.ExpectAsync("* pong settle");
        Assert.Single(browser.FindAll("#messages li.divider"));
        Assert.Equal(Said, Said_().Length);
        browser.Screenshot("history-start");
    }
}
