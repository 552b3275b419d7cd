using System.Text;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Protocols.Json;
using ActorChat.Core.Protocols.Line;
using Xunit;

namespace ActorChat.Core.Tests.Chat.Events;

public class ChatEventTests
{
    [Fact]
    public void Each_format_and_history_flag_is_encoded_once_and_kept_apart()
    {
        var said = RoomEvent.Message("dev", "alice", "hello", 7);

        var text = said.EncodeFor(TextFormat.Instance);
        var json = said.EncodeFor(JsonFormat.Instance);
        var jsonHistory = said.EncodeFor(JsonFormat.Instance, history: true);

        Assert.Equal("#dev <alice> hello\r\n", Encoding.UTF8.GetString(text));
        Assert.Contains("\"text\":\"hello\"", Encoding.UTF8.GetString(json));
        Assert.DoesNotContain("\"history\":true", Encoding.UTF8.GetString(json));
        Assert.Contains("\"history\":true", Encoding.UTF8.GetString(jsonHistory));
        // Kept: the same arrays come back, whichever was encoded first.
        Assert.Same(text, said.EncodeFor(TextFormat.Instance));
        Assert.Same(json, said.EncodeFor(JsonFormat.Instance));
        Assert.Same(jsonHistory, said.EncodeFor(JsonFormat.Instance, history: true));
        Assert.Equal(json.Length, said.MeasureFor(JsonFormat.Instance, history: false));
    }
}
