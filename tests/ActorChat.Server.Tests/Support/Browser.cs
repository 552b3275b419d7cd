using System.Collections.ObjectModel;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace ActorChat.Server.Tests.Support;

/// <summary>
/// Debian's Chromium, headless, driven through Debian's chromedriver (nothing is downloaded), with a
/// fresh profile each time. Waits poll the page until what the test expects is there, with a deadline.
/// </summary>
internal sealed class Browser : IDisposable
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(50);

    private readonly string _profile = Directory.CreateTempSubdirectory("actorchat-chromium-").FullName;

    public Browser(int width = 1100, int height = 720)
    {
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-proxy-server", $"--user-data-dir={_profile}", $"--window-size={width},{height}");
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    public ChromeDriver Driver { get; }

    public void Open(Uri page) => Driver.Navigate().GoToUrl(page);

    public IWebElement Find(string css) => Driver.FindElement(By.CssSelector(css));

    public ReadOnlyCollection<IWebElement> FindAll(string css) => Driver.FindElements(By.CssSelector(css));

    /// <summary>Types into the focused element, as a person at the keyboard would.</summary>
    public void Type(string keys) => new OpenQA.Selenium.Interactions.Actions(Driver).SendKeys(keys).Perform();

    /// <summary>Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/> and the page's text when it does not in time.</summary>
    public async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TestClient.Timeout;
        while (true)
        {
            try
            {
                if (condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is NoSuchElementException or StaleElementReferenceException)
            {
                // Not drawn yet.
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited in vain for {what}; the page says:\n{Find("body").Text}");
            }
            await Task.Delay(PollEvery);
        }
    }

    /// <summary>Waits for a line in the message list that contains <paramref name="text"/>.</summary>
    public Task MessageAsync(string text) =>
        UntilAsync(() => FindAll("#messages li").Any(li => li.Text.Contains(text, StringComparison.Ordinal)), $"a message with '{text}'");

    /// <summary>Saves what the page looks like now under the test output's screenshots/ folder; returns the path.</summary>
    public string Screenshot(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{name}.png");
        Driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        Directory.Delete(_profile, recursive: true);
    }
}
