using ActorChat.Client.Protocol;
using ActorChat.Client.Sessions;

namespace ActorChat.Client.Terminal;

/// <summary>
/// Interactive mode: received lines scroll above a fixed input line that arriving messages never
/// break (the input line is cleared, the message printed, the input line drawn again, under one
/// lock). Keys: left/right, home/end, backspace/delete, up/down for history, Tab to complete nicks
/// and commands, Enter to send, Ctrl+C or Ctrl+D on an empty line to quit.
/// </summary>
internal sealed class TerminalSession(ClientOptions options) : IChatView
{
    private const string Prompt = "> ";
    private static readonly string[] Commands =
        ["/nick", "/join", "/part", "/msg", "/me", "/who", "/rooms", "/history", "/ping", "/timestamps", "/help", "/quit"];

    private readonly LineEditor _editor = new();
    private readonly EventFormatter _formatter = new(options.Color);
    private readonly Lock _console = new();
    private ChatSession? _session;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var nick = options.Nick;
        while (string.IsNullOrWhiteSpace(nick))
        {
            Console.Write("nick: ");
            nick = Console.ReadLine()?.Trim();
            if (nick is null)
            {
                return ExitCodes.BadArguments;
            }
        }
        await using var session = new ChatSession(options with { Nick = nick }, this);
        _session = session;
        var started = await SessionStarter.StartAsync(session, options with { Nick = nick }, Console.Error, cancellationToken);
        if (started != ExitCodes.Ok)
        {
            return started;
        }
        Console.TreatControlCAsInput = true;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = session.RunAsync(stop.Token);
        var typing = Task.Factory.StartNew(() => KeyLoop(session), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Redraw();
        await Task.WhenAny(reading, typing);
        await stop.CancelAsync();
        lock (_console)
        {
            Console.Write("\r\u001b[2K");
        }
        return ExitCodes.Ok;
    }

    public void Show(ServerEvent serverEvent)
    {
        if (serverEvent.Type == "text" || _formatter.Format(serverEvent, _session?.Nick ?? "") is not { } line)
        {
            return;
        }
        Print(line);
    }

    public void Status(string text) => Print(_formatter.NickColor("--") + " " + text);

    private void Print(string line)
    {
        lock (_console)
        {
            Console.Write("\r\u001b[2K" + line + "\n");
            DrawInput();
        }
    }

    private void KeyLoop(ChatSession session)
    {
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            string? submitted = null;
            lock (_console)
            {
                switch (key.Key)
                {
                    case ConsoleKey.Enter:
                        submitted = _editor.Submit();
                        break;
                    case ConsoleKey.C when key.Modifiers.HasFlag(ConsoleModifiers.Control):
                        submitted = "/quit";
                        break;
                    case ConsoleKey.D when key.Modifiers.HasFlag(ConsoleModifiers.Control) && _editor.Text.Length == 0:
                        submitted = "/quit";
                        break;
                    case ConsoleKey.LeftArrow: _editor.Left(); break;
                    case ConsoleKey.RightArrow: _editor.Right(); break;
                    case ConsoleKey.Home: _editor.Home(); break;
                    case ConsoleKey.End: _editor.End(); break;
                    case ConsoleKey.Backspace: _editor.Backspace(); break;
                    case ConsoleKey.Delete: _editor.Delete(); break;
                    case ConsoleKey.UpArrow: _editor.HistoryUp(); break;
                    case ConsoleKey.DownArrow: _editor.HistoryDown(); break;
                    case ConsoleKey.Tab:
                        var matches = _editor.Complete(session.KnownNicks, Commands);
                        if (matches.Count > 1)
                        {
                            Console.Write("\r\u001b[2K" + string.Join("  ", matches) + "\n");
                        }
                        break;
                    default:
                        if (!char.IsControl(key.KeyChar))
                        {
                            _editor.Insert(key.KeyChar);
                        }
                        break;
                }
                DrawInput();
            }
            if (submitted is { Length: > 0 })
            {
                session.SendAsync(submitted).GetAwaiter().GetResult();
                if (submitted.StartsWith("/quit", StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }
            }
        }
    }

    private void Redraw()
    {
        lock (_console)
        {
            DrawInput();
        }
    }

    /// <summary>The prompt and the part of the input around the cursor that fits the width, the cursor in place.</summary>
    private void DrawInput()
    {
        var width = Math.Max(20, Console.IsOutputRedirected ? 80 : Console.WindowWidth) - Prompt.Length - 1;
        var text = _editor.Text;
        var start = Math.Max(0, _editor.Cursor - width);
        var shown = text.Substring(start, Math.Min(width, text.Length - start));
        var back = start + shown.Length - _editor.Cursor;
        Console.Write("\r\u001b[2K" + Prompt + shown + (back > 0 ? $"\u001b[{back}D" : ""));
    }
}
