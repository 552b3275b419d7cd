using ActorChat.Server.Hosting;
using Xunit;

namespace ActorChat.Server.Tests.Hosting;

public class SocketCompletionsTests
{
    [Theory]
    [InlineData(null, 1, true)]       // pinned to one core, as the benchmarks run it
    [InlineData(null, 4, true)]
    [InlineData(null, 5, false)]      // a large machine: the thread pool spreads the work
    [InlineData("", 64, false)]
    [InlineData("1", 64, true)]       // the operator's choice wins either way
    [InlineData("0", 2, false)]
    public void Completions_run_inline_on_a_small_machine_unless_the_operator_chose(string? setting, int cores, bool inline) =>
        Assert.Equal(inline, SocketCompletions.Inline(setting, cores));
}
