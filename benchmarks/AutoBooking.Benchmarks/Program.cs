using BenchmarkDotNet.Running;

// Every benchmark of the hot, pure parts of a check and a request: offer selection, the search rotation,
// PII encryption and request validation. `--filter '*'` runs all; `--list flat` lists them.
BenchmarkSwitcher.FromAssembly(typeof(AutoBooking.Benchmarks.OfferSelectionBenchmarks).Assembly).Run(args);
