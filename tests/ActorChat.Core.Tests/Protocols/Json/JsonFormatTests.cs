using System.Text;
using ActorChat.Core.Chat.Events;
using ActorChat.Core.Protocols.Json;

namespace ActorChat.Core.Tests.Protocols.Json;

public class JsonFormatTests
{
    private static string Json(ChatEvent e) => Encoding.UTF8.GetString(JsonFormat.Instance.Encode(e, history: false));

    [Fact]
    public void The_lines_that_end_a_connection_for_good_carry_a_code_a_client_can_trust()
    {
        Assert.Equal("{\"type\":\"error\",\"text\":\"killed by root: spam\",\"code\":\"killed\"}\r\n", Json(new Removed("root", "spam", banned: false)));
        Assert.Equal("{\"type\":\"error\",\"text\":\"you are banned: ads\",\"code\":\"banned\"}\r\n", Json(new Removed("root", "ads", banned: true)));
        Assert.Equal("{\"type\":\"info\",\"text\":\"alice logged in from another connection\",\"code\":\"logged-in-elsewhere\"}\r\n",
            Json(new Info(InfoKind.LoggedInElsewhere, "alice")));
    }
}
