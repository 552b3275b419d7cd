namespace ActorChat.Core.Protocols.Irc;

/// <summary>IRCv3 <c>batch</c>: <c>BATCH +id type params</c>, the messages tagged <c>batch=id</c>, <c>BATCH -id</c>.</summary>
internal static class IrcBatch
{
    public const string ChatHistoryType = "chathistory";

    public static List<IrcMessage> Wrap(string server, string id, string type, IReadOnlyList<string> parameters, IEnumerable<IrcMessage> messages)
    {
        var tag = new IrcTag("batch", id);
        List<IrcMessage> lines = [new IrcMessage("BATCH", ["+" + id, type, .. parameters]) { Source = server }];
        lines.AddRange(messages.Select(m => m with { Tags = [tag, .. m.Tags.Where(t => t.Key != tag.Key)] }));
        lines.Add(new IrcMessage("BATCH", "-" + id) { Source = server });
        return lines;
    }
}
