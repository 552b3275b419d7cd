using ActorChat.Server.Hosting;
using Xunit;

namespace ActorChat.Server.Tests.Hosting;

public sealed class MemoryTrimmerTests
{
    [Theory]
    [InlineData(0, 10_000, 10_000, true)]      // a crowd came and has stopped coming
    [InlineData(10_000, 0, 0, true)]           // a crowd left and the last of it is gone
    [InlineData(10_000, 10, 0, true)]          // a few stragglers within the last tick do not matter
    [InlineData(0, 8_000, 10_000, false)]      // still arriving
    [InlineData(10_000, 2_000, 0, false)]      // still leaving
    [InlineData(5_000, 5_500, 5_500, false)]   // fewer than a crowd since the last trim
    [InlineData(0, 0, 0, false)]               // nothing happened
    public void Trims_only_once_a_crowd_has_come_or_gone_and_held_still(int atLastTrim, int previous, int open, bool trims) =>
        Assert.Equal(trims, MemoryTrimmer.CrowdHasSettled(atLastTrim, previous, open));
}
