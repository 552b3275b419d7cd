namespace ActorChat.Core.Chat.Accounts;

/// <summary>A password on its way to be hashed: it prints as *** wherever it ends up (a log, a record's ToString).</summary>
internal sealed class Secret(string value)
{
    public int Length => value.Length;

    public string Reveal() => value;

    public override string ToString() => "***";
}
