using ActorChat.Server.Web;

namespace ActorChat.Server.Tests.Web;

public sealed class WebSocketFramesTests
{
    [Theory]
    [InlineData(0, new byte[] { 0x81, 0 })]
    [InlineData(125, new byte[] { 0x81, 125 })]
    [InlineData(126, new byte[] { 0x81, 126, 0, 126 })]
    [InlineData(65535, new byte[] { 0x81, 126, 0xff, 0xff })]
    [InlineData(65536, new byte[] { 0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0 })]
    public void A_text_frame_header_is_final_unmasked_with_the_shortest_length_form(int length, byte[] expected)
    {
        Span<byte> header = stackalloc byte[WebSocketFrames.MaxHeaderBytes];
        var written = WebSocketFrames.WriteTextHeader(header, length);
        Assert.Equal(expected, header[..written].ToArray());
    }
}
