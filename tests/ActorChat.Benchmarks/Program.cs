using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/ActorChat.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(ActorChat.Benchmarks.PumpBenchmarks).Assembly).Run(args);
